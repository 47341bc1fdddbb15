/**
 * Fictional names in three scripts for the synthetic data set. Given names are common ones;
 * family names are assembled from parts, so every full name is an invention of the generator.
 */

/** mulberry32: a tiny, fast, seeded PRNG – the same seed always gives the same data set. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = () => number;

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
export const intBetween = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));

/** A version-4-shaped UUID from the PRNG, so ids are reproducible too. */
export function uuidFrom(rng: Rng): string {
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i += 4) {
    const word = Math.floor(rng() * 4294967296);
    bytes[i] = word >>> 24;
    bytes[i + 1] = (word >>> 16) & 0xff;
    bytes[i + 2] = (word >>> 8) & 0xff;
    bytes[i + 3] = word & 0xff;
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type Script = 'latin' | 'cyrillic' | 'han';
export interface FictionalName {
  givenName: string;
  familyName: string;
  script: Script;
}

// Norwegian / Swedish
const nordicGivenFemale = [
  'Ingrid',
  'Astrid',
  'Sigrid',
  'Solveig',
  'Kari',
  'Liv',
  'Maja',
  'Elsa',
  'Linnéa',
  'Freja',
  'Ebba',
  'Saga',
  'Nora',
  'Tuva',
  'Åsa',
  'Märta',
  'Hedda',
  'Sunniva',
  'Ragnhild',
  'Britt',
];
const nordicGivenMale = [
  'Ola',
  'Lars',
  'Sven',
  'Nils',
  'Erik',
  'Magnus',
  'Håkon',
  'Bjørn',
  'Anders',
  'Jonas',
  'Henrik',
  'Oskar',
  'Emil',
  'Leif',
  'Torbjørn',
  'Gustav',
  'Åke',
  'Sindre',
  'Øystein',
  'Vidar',
];
const nordicFamilyStart = [
  'Fjell',
  'Li',
  'Bekke',
  'Myr',
  'Stein',
  'Skog',
  'Sol',
  'Vik',
  'Ås',
  'Nord',
  'Strøm',
  'Björk',
  'Lind',
  'Sjö',
  'Berg',
  'Hol',
  'Græs',
  'Ek',
  'Mo',
  'Rød',
];
const nordicFamilyEnd = [
  'heim',
  'vik',
  'dal',
  'lund',
  'berg',
  'stad',
  'rud',
  'haug',
  'mo',
  'ås',
  'ström',
  'qvist',
  'gren',
  'bakken',
  'nes',
  'sæter',
  'holm',
  'by',
  'åker',
  'lid',
];

// Russian: family names agree with the given name's gender.
const russianGivenFemale = [
  'Анна',
  'Мария',
  'Ольга',
  'Татьяна',
  'Елена',
  'Наталья',
  'Ирина',
  'Светлана',
  'Екатерина',
  'Юлия',
  'Дарья',
  'Ксения',
  'Полина',
  'Вера',
  'Алёна',
];
const russianGivenMale = [
  'Иван',
  'Сергей',
  'Алексей',
  'Дмитрий',
  'Андрей',
  'Михаил',
  'Николай',
  'Павел',
  'Артём',
  'Юрий',
  'Олег',
  'Виктор',
  'Григорий',
  'Фёдор',
  'Егор',
];
const russianFamilyMale = [
  'Берёзов',
  'Соснов',
  'Рябинин',
  'Лесников',
  'Камышов',
  'Снегирёв',
  'Журавлёв',
  'Клёнов',
  'Озёров',
  'Тихомиров',
  'Луговской',
  'Белозёрский',
  'Полянский',
  'Ручьёв',
  'Светлицкий',
  'Ельников',
  'Морошкин',
  'Черёмухин',
  'Вьюгин',
  'Туманов',
];
const russianFeminine = (male: string): string => (male.endsWith('ий') || male.endsWith('ой') ? `${male.slice(0, -2)}ая` : `${male}а`);

// Chinese: a family name and a one- or two-character given name.
const chineseFamily = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
  '马',
  '罗',
];
const chineseGivenChars = [
  '明',
  '华',
  '丽',
  '静',
  '伟',
  '芳',
  '娜',
  '强',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '超',
  '秀',
  '英',
  '敏',
  '霞',
  '平',
  '刚',
  '桂',
  '雪',
  '晨',
  '宇',
  '欣',
  '然',
  '博',
];

export function fictionalName(rng: Rng, script: Script): FictionalName {
  const female = rng() < 0.5;
  switch (script) {
    case 'latin':
      return {
        givenName: pick(rng, female ? nordicGivenFemale : nordicGivenMale),
        familyName: `${pick(rng, nordicFamilyStart)}${pick(rng, nordicFamilyEnd)}`,
        script,
      };
    case 'cyrillic': {
      const family = pick(rng, russianFamilyMale);
      return {
        givenName: pick(rng, female ? russianGivenFemale : russianGivenMale),
        familyName: female ? russianFeminine(family) : family,
        script,
      };
    }
    case 'han': {
      const length = rng() < 0.7 ? 2 : 1;
      let given = '';
      for (let i = 0; i < length; i++) given += pick(rng, chineseGivenChars);
      return { givenName: given, familyName: pick(rng, chineseFamily), script };
    }
  }
}

/** Half Latin, a quarter Cyrillic, a quarter Chinese. */
export function pickScript(rng: Rng): Script {
  const r = rng();
  return r < 0.5 ? 'latin' : r < 0.75 ? 'cyrillic' : 'han';
}
