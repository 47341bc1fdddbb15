import { describe, expect, it } from 'vitest';
import { checkNationalId } from './national-id.rules.ts';

const today = new Date('2026-03-15T12:00:00Z');

/** A Norwegian number with both control digits computed, or null when the individual number cannot have one. */
function fodselsnummer(ddmmyy: string, individual: string): string | null {
  const digits = [...(ddmmyy + individual)].map(Number);
  const control = (weights: number[], ds: number[]) => (11 - (weights.reduce((s, w, i) => s + w * ds[i]!, 0) % 11)) % 11;
  const k1 = control([3, 7, 6, 1, 8, 9, 4, 5, 2], digits);
  const k2 = control([5, 4, 3, 2, 7, 6, 5, 4, 3, 2], [...digits, k1]);
  return k1 === 10 || k2 === 10 ? null : `${ddmmyy}${individual}${k1}${k2}`;
}
/** The first individual number from `from` upwards that gives valid control digits. */
function validFodselsnummer(ddmmyy: string, from: number): string {
  for (let i = from; i < from + 50; i++) {
    const number = fodselsnummer(ddmmyy, String(i).padStart(3, '0'));
    if (number) return number;
  }
  throw new Error('no valid number');
}

function luhnDigit(nine: string): number {
  const sum = [...nine]
    .reverse()
    .map(Number)
    .reduce((s, d, i) => s + (i % 2 === 0 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
  return (10 - (sum % 10)) % 10;
}

/** SNILS control number as the Pension Fund's rules state it, branch by branch. */
function snilsDigits(firstNine: string): string {
  const sum = [...firstNine].reduce((s, d, i) => s + Number(d) * (9 - i), 0);
  const control = sum < 100 ? sum : sum === 100 || sum === 101 ? 0 : sum % 101 === 100 ? 0 : sum % 101;
  return String(control).padStart(2, '0');
}

function chineseCheck(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return '10X98765432'[sum % 11]!;
}

describe('Norwegian fødselsnummer', () => {
  it('accepts a number whose two control digits are right and reads the birth date', () => {
    const number = validFodselsnummer('150385', 100);
    expect(checkNationalId('NO', number, today)).toEqual({ valid: true, normalised: number, birthDate: '1985-03-15' });
  });

  it('accepts spaces between the birth date and the personal number', () => {
    const number = validFodselsnummer('010203', 520);
    expect(checkNationalId('NO', `${number.slice(0, 6)} ${number.slice(6)}`, today)).toMatchObject({ valid: true, normalised: number });
  });

  it('refuses a number with a wrong control digit', () => {
    const number = validFodselsnummer('150385', 100);
    const wrong = number.slice(0, 10) + ((Number(number[10]) + 1) % 10);
    expect(checkNationalId('NO', wrong, today)).toEqual({ valid: false, code: 'bad_checksum' });
  });

  it('accepts a D-number, whose day is raised by 40', () => {
    const number = validFodselsnummer('550385', 100);
    expect(checkNationalId('NO', number, today)).toMatchObject({ valid: true, birthDate: '1985-03-15' });
  });

  it('reads the century from the individual number', () => {
    expect(checkNationalId('NO', validFodselsnummer('010160', 600), today).birthDate).toBe('1860-01-01');
    expect(checkNationalId('NO', validFodselsnummer('010110', 600), today).birthDate).toBe('2010-01-01');
    expect(checkNationalId('NO', validFodselsnummer('010150', 920), today).birthDate).toBe('1950-01-01');
    expect(checkNationalId('NO', validFodselsnummer('010150', 100), today).birthDate).toBe('1950-01-01');
  });

  it('refuses an individual number that no century allows', () => {
    expect(checkNationalId('NO', validFodselsnummer('010150', 800), today)).toEqual({ valid: false, code: 'bad_format' });
  });

  it('refuses a day that does not exist and anything but eleven digits', () => {
    expect(checkNationalId('NO', validFodselsnummer('300285', 100), today).code).toBe('bad_format');
    expect(checkNationalId('NO', '1503851234', today).code).toBe('bad_format');
    expect(checkNationalId('NO', '15038512A45', today).code).toBe('bad_format');
  });
});

describe('Swedish personnummer', () => {
  it('accepts the fictional 121212-1212 in every written form and stores it with the century', () => {
    for (const written of ['121212-1212', '1212121212', '19121212-1212', '191212121212']) {
      expect(checkNationalId('SE', written, new Date('1990-01-01'))).toEqual({
        valid: true,
        normalised: '19121212-1212',
        birthDate: '1912-12-12',
      });
    }
  });

  it('takes "+" to mean the person has turned 100', () => {
    expect(checkNationalId('SE', '121212+1212', today)).toMatchObject({ valid: true, normalised: '19121212-1212' });
    expect(checkNationalId('SE', '121212-1212', today)).toMatchObject({ valid: true, normalised: '20121212-1212' });
  });

  it('puts a ten-digit number whose birthday has not yet come this year in the last century', () => {
    const serial = `123${luhnDigit('260601123')}`;
    expect(checkNationalId('SE', `260601-${serial}`, today).birthDate).toBe('1926-06-01');
    expect(checkNationalId('SE', `260301${serial.slice(0, 3)}${luhnDigit('260301123')}`, today).birthDate).toBe('2026-03-01');
  });

  it('accepts a samordningsnummer, whose day is raised by 60', () => {
    const number = `851275-123${luhnDigit('851275123')}`;
    expect(checkNationalId('SE', number, today)).toMatchObject({ valid: true, birthDate: '1985-12-15' });
  });

  it('refuses a wrong Luhn digit', () => {
    expect(checkNationalId('SE', '121212-1213', today)).toEqual({ valid: false, code: 'bad_checksum' });
  });

  it('refuses impossible dates and wrong lengths', () => {
    expect(checkNationalId('SE', `850230-123${luhnDigit('850230123')}`, today).code).toBe('bad_format');
    expect(checkNationalId('SE', '12121-1212', today).code).toBe('bad_format');
    expect(checkNationalId('SE', '121212/1212', today).code).toBe('bad_format');
  });
});

describe('Russian SNILS', () => {
  it('accepts the well-known example 112-233-445 95 in any spacing and writes it officially', () => {
    for (const written of ['112-233-445 95', '11223344595', '112 233 445 95', '112-233-44595']) {
      expect(checkNationalId('RU', written, today)).toEqual({ valid: true, normalised: '112-233-445 95' });
    }
  });

  it('accepts numbers whose control number was computed by the published rules', () => {
    for (const firstNine of ['123456789', '987654321', '555555555', '000000999', '199999999']) {
      expect(checkNationalId('RU', firstNine + snilsDigits(firstNine), today).valid).toBe(true);
    }
  });

  it('writes 00 when the weighted sum is 100, 101 or leaves 100 after dividing by 101', () => {
    // 9·9 + 8·2 + 1·3 = 100; 9·9 + 8·2 + 1·4 = 101; 9·9 + 8·9 + 7·6 + 6·1 = 201
    for (const firstNine of ['920000003', '920000004', '996100000']) {
      expect(snilsDigits(firstNine)).toBe('00');
      expect(checkNationalId('RU', `${firstNine}00`, today).valid).toBe(true);
      expect(checkNationalId('RU', `${firstNine}01`, today).code).toBe('bad_checksum');
    }
  });

  it('refuses a wrong control number', () => {
    expect(checkNationalId('RU', '112-233-445 96', today)).toEqual({ valid: false, code: 'bad_checksum' });
  });

  it('does not check the control number of the earliest numbers, issued before it existed', () => {
    expect(checkNationalId('RU', '001-001-998 42', today).valid).toBe(true);
    expect(checkNationalId('RU', '001-001-999 42', today).code).toBe('bad_checksum');
  });

  it('refuses anything but eleven digits', () => {
    expect(checkNationalId('RU', '112-233-445 9', today).code).toBe('bad_format');
    expect(checkNationalId('RU', '1122-33-445 95', today).code).toBe('bad_format');
  });
});

describe('Chinese resident identity number', () => {
  it('accepts the example from the national standard, with X as check character', () => {
    expect(checkNationalId('CN', '11010519491231002X', today)).toEqual({
      valid: true,
      normalised: '11010519491231002X',
      birthDate: '1949-12-31',
    });
  });

  it('accepts a lower-case x and stores it upper-case', () => {
    expect(checkNationalId('CN', '11010519491231002x', today).normalised).toBe('11010519491231002X');
  });

  it('accepts numbers whose ISO 7064 MOD 11-2 character was computed here', () => {
    for (const first17 of ['44030419900307123', '31010120000229456', '51010719851111001']) {
      expect(checkNationalId('CN', first17 + chineseCheck(first17), today).valid).toBe(true);
    }
  });

  it('refuses a wrong check character', () => {
    expect(checkNationalId('CN', '110105194912310021', today)).toEqual({ valid: false, code: 'bad_checksum' });
  });

  it('refuses impossible or future birth dates and the old 15-digit form', () => {
    const impossible = '11010519490231002';
    expect(checkNationalId('CN', impossible + chineseCheck(impossible), today).code).toBe('bad_format');
    const future = '11010520300101002';
    expect(checkNationalId('CN', future + chineseCheck(future), today).code).toBe('bad_format');
    expect(checkNationalId('CN', '110105491231002', today).code).toBe('bad_format');
  });
});

describe('other countries', () => {
  it('are stored as typed, flagged as unchecked', () => {
    expect(checkNationalId('DE', ' T22000129 ', today)).toEqual({ valid: true, normalised: 'T22000129', code: 'unsupported_country' });
    expect(checkNationalId('UA', 'АБ 123456', today)).toEqual({ valid: true, normalised: 'АБ 123456', code: 'unsupported_country' });
  });

  it('still need 1 to 40 printable characters', () => {
    expect(checkNationalId('DE', '   ', today).code).toBe('bad_format');
    expect(checkNationalId('DE', 'x'.repeat(41), today).code).toBe('bad_format');
    expect(checkNationalId('DE', 'abc\u0000def', today).code).toBe('bad_format');
    expect(checkNationalId('DE', 'x'.repeat(40), today).valid).toBe(true);
  });

  it('are told apart from checked ones whatever the case of the country code', () => {
    expect(checkNationalId('se', '121212-1213', today).code).toBe('bad_checksum');
  });
});
