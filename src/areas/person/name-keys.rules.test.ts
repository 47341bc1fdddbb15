import { describe, expect, it } from 'vitest';
import { bestKeySimilarity, nameSearchKeys, nameSearchText, normalisePhone, trigramSimilarity, trigrams } from './name-keys.rules.ts';

/** Share of the trigrams of the smaller key set that the other set also has. */
function sharedTrigramShare(left: string[], right: string[]): number {
  const a = trigrams(left.join(' '));
  const b = trigrams(right.join(' '));
  const shared = [...a].filter((t) => b.has(t)).length;
  return shared / Math.min(a.size, b.size);
}

describe('name search keys', () => {
  it('are lower case, NFKC-folded and free of diacritics', () => {
    expect(nameSearchKeys('Søren Ærø')).toEqual(['soren aero']);
    expect(nameSearchKeys('Åsa Öberg-Ärlig')).toEqual(['asa oberg arlig']);
    expect(nameSearchKeys('Große')).toEqual(['grosse']);
    expect(nameSearchKeys('Ｋａｒｉ  Ｎｏｒｄｍａｎｎ')).toEqual(['kari nordmann']);
    expect(nameSearchKeys('Élodie Müller')).toEqual(['elodie muller']);
  });

  it('drop apostrophes and treat hyphens as spaces', () => {
    expect(nameSearchKeys("Seán O'Brien-Smith")).toEqual(['sean obrien smith']);
    expect(nameSearchKeys('O’Brien')).toEqual(nameSearchKeys("O'Brien"));
  });

  it('are empty for blank input', () => {
    expect(nameSearchKeys('')).toEqual([]);
    expect(nameSearchKeys('   \t ')).toEqual([]);
    expect(nameSearchKeys('--')).toEqual([]);
  });

  it('give Cyrillic names in the library spelling and in the passport spelling', () => {
    expect(nameSearchKeys('Пётр Иванов')).toEqual(['pyotr ivanov', 'petr ivanov']);
    expect(nameSearchKeys('Цветкова Юлия')).toEqual(['cvetkova yuliya', 'tsvetkova iuliia']);
    expect(nameSearchKeys('Хрущёва')).toContain('khrushcheva');
  });

  it('let "Petr Ivanov" and "Pyotr Ivanov" both find Пётр Иванов', () => {
    const cyrillic = nameSearchKeys('Пётр Иванов');
    for (const latin of ['Petr Ivanov', 'Pyotr Ivanov']) {
      expect(bestKeySimilarity(cyrillic, nameSearchKeys(latin))).toBe(1);
      expect(sharedTrigramShare(cyrillic, nameSearchKeys(latin))).toBeGreaterThan(0.8);
    }
    expect(trigramSimilarity('pyotr ivanov', 'petr ivanov')).toBeGreaterThan(0.5);
  });

  it('turn Chinese into Simplified characters and toneless pinyin, spaced and joined', () => {
    expect(nameSearchKeys('王小明')).toEqual(['王小明', 'wang xiao ming', 'wangxiaoming', 'wang xiaoming']);
    expect(nameSearchKeys('张伟')).toEqual(['张伟', 'zhang wei', 'zhangwei']);
  });

  it('give Traditional and Simplified spellings of a name the same keys', () => {
    expect(nameSearchKeys('王曉明')).toEqual(nameSearchKeys('王小明').map((k) => k.replace('小', '晓')));
    expect(nameSearchKeys('王曉明').slice(1)).toEqual(nameSearchKeys('王小明').slice(1));
    expect(nameSearchKeys('陳大文')).toEqual(nameSearchKeys('陈大文'));
    expect(nameSearchKeys('張偉')).toEqual(nameSearchKeys('张伟'));
  });

  it('let "wang xiaoming" find 王小明 and 王曉明', () => {
    const typed = nameSearchKeys('wang xiaoming');
    expect(bestKeySimilarity(typed, nameSearchKeys('王小明'))).toBe(1);
    expect(bestKeySimilarity(typed, nameSearchKeys('王曉明'))).toBe(1);
    expect(bestKeySimilarity(nameSearchKeys('Xiaoming Wang'), nameSearchKeys('王曉明'))).toBe(1);
  });

  it('keep family and given name apart when they were typed apart', () => {
    expect(nameSearchKeys('王 小明')).toEqual(['王 小明', 'wang xiao ming', 'wang xiaoming']);
  });

  it('add the family-name reading of characters read differently as surnames', () => {
    const keys = nameSearchKeys('曾小贤');
    expect(keys).toContain('zeng xiaoxian');
    expect(keys).toContain('zengxiaoxian');
    expect(nameSearchKeys('小曾')).not.toContain('xiao zeng');
  });

  it('handle names mixing Latin and Chinese', () => {
    expect(nameSearchKeys('Anna 王')).toEqual(['anna 王', 'anna wang']);
  });
});

describe('the name_search text', () => {
  it('joins the keys of every name part once', () => {
    expect(nameSearchText(['Xiaoming', 'Wang', '王曉明'])).toBe('xiaoming wang 王晓明 wang xiao ming wangxiaoming wang xiaoming');
    expect(nameSearchText(['Kari', 'kari', 'KARI'])).toBe('kari');
  });

  it('is empty when no part has letters', () => {
    expect(nameSearchText([])).toBe('');
    expect(nameSearchText(['', ' '])).toBe('');
  });

  it('stays close to a search typed in another script', () => {
    const stored = nameSearchText(['Pyotr', 'Ivanov', 'Пётр Иванов']);
    expect(sharedTrigramShare(nameSearchKeys('Petr Ivanov'), [stored])).toBe(1);
  });
});

describe('trigram similarity', () => {
  it('extracts trigrams as pg_trgm does, padding each word with two spaces before and one after', () => {
    expect([...trigrams('Cat')].sort()).toEqual(['  c', ' ca', 'at ', 'cat']);
    expect([...trigrams('a')].sort()).toEqual(['  a', ' a ']);
    expect(trigrams('ab, AB').size).toBe(3);
  });

  it('matches pg_trgm on known pairs', () => {
    // SELECT similarity('word', 'two words') → 0.36363637 in PostgreSQL
    expect(trigramSimilarity('word', 'two words')).toBeCloseTo(4 / 11, 6);
    expect(trigramSimilarity('kari nordmann', 'Kari Nordmann')).toBe(1);
    expect(trigramSimilarity('abc', 'xyz')).toBe(0);
  });

  it('ignores word order, as pg_trgm does', () => {
    expect(trigramSimilarity('ivanov petr', 'petr ivanov')).toBe(1);
  });

  it('is zero when either side has no words', () => {
    expect(trigramSimilarity('', '')).toBe(0);
    expect(trigramSimilarity('kari', ' - ')).toBe(0);
  });

  it('takes the best pair of keys', () => {
    expect(bestKeySimilarity(['aaa', 'kari'], ['bbb', 'kari'])).toBe(1);
    expect(bestKeySimilarity([], ['kari'])).toBe(0);
  });
});

describe('phone numbers', () => {
  it('keep digits only', () => {
    expect(normalisePhone('912 34 567')).toBe('91234567');
    expect(normalisePhone('(912) 34-567')).toBe('91234567');
    expect(normalisePhone('no digits')).toBe('');
  });

  it('lose the Norwegian country code, written with +, 00 or nothing', () => {
    for (const written of ['+47 912 34 567', '0047 91234567', '4791234567', '91234567']) expect(normalisePhone(written)).toBe('91234567');
  });

  it('keep a Norwegian number that begins with 47 whole', () => {
    expect(normalisePhone('47 12 34 56')).toBe('47123456');
  });

  it('lose the Swedish country code and trunk zero', () => {
    for (const written of ['+46 70-123 45 67', '070-123 45 67', '+46 (0)70 123 45 67', '0046701234567'])
      expect(normalisePhone(written)).toBe('701234567');
  });

  it('lose the Russian country code and trunk 8', () => {
    for (const written of ['+7 916 123-45-67', '8 (916) 123-45-67', '79161234567']) expect(normalisePhone(written)).toBe('9161234567');
  });

  it('lose the Chinese country code', () => {
    for (const written of ['+86 138 1234 5678', '8613812345678', '138-1234-5678']) expect(normalisePhone(written)).toBe('13812345678');
  });

  it('keep the country code of other countries', () => {
    expect(normalisePhone('+44 20 7946 0000')).toBe('442079460000');
  });

  it('fold full-width digits', () => {
    expect(normalisePhone('９１２３４５６７')).toBe('91234567');
  });
});
