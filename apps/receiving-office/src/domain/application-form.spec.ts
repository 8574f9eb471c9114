import { makeCitizenId } from '@idcard/contracts';
import {
  birthDateProblem,
  feeProblem,
  homeProvinceFor,
  lossReportedAtCounterProblem,
  postalAddressProblem,
  receivingOfficeProblem,
  sexProblem,
} from './application-form';

const woman = makeCitizenId({ regionCode: '440106', birthDate: '1990-03-15', sequence: 122 });
const man = makeCitizenId({ regionCode: '650102', birthDate: '1985-12-01', sequence: 31 });

describe('application form rules', () => {
  it('hold sex and birth date to what the ID number encodes', () => {
    expect(sexProblem(woman, 'female')).toBeNull();
    expect(sexProblem(woman, 'male')).toBe('disagrees with the ID number, whose sequence 122 says female, not male');
    expect(sexProblem(man, 'male')).toBeNull();
    expect(sexProblem(man, 'female')).toBe('disagrees with the ID number, whose sequence 031 says male, not female');
    expect(birthDateProblem(man, '1985-12-01')).toBeNull();
    expect(birthDateProblem(man, '1985-12-02')).toBe('disagrees with the ID number, which says 1985-12-01, not 1985-12-02');
  });

  it('leave a malformed ID number to its own check', () => {
    const badCheck = woman.slice(0, 17) + (woman[17] === '0' ? '1' : '0');
    expect(sexProblem(badCheck, 'male')).toBeNull();
    expect(birthDateProblem(undefined, '1990-01-01')).toBeNull();
  });

  it('leave a malformed sex, birth date or fee to its own check', () => {
    expect(sexProblem(woman, 'unknown')).toBeNull();
    expect(sexProblem(woman, undefined)).toBeNull();
    expect(sexProblem(man, '')).toBeNull();
    expect(birthDateProblem(man, 19851202)).toBeNull();
    expect(feeProblem('renewal', '25')).toBeNull();
    expect(feeProblem('replacement', 25)).toBeNull();
  });

  it('want exactly the fee of the kind, and say what it is', () => {
    expect(feeProblem('renewal', 20)).toBeNull();
    expect(feeProblem('lost', 40)).toBeNull();
    expect(feeProblem('lost', 20)).toBe('must be 40 yuan, the fee for a lost application, not 20');
    expect(feeProblem('first', 25)).toBe('must be 20 yuan, the fee for a first application, not 25');
    expect(feeProblem('temporary', 10)).toBeNull();
  });

  it('accept only receiving offices of a county of this province', () => {
    expect(receivingOfficeProblem('44010601', '44')).toBeNull();
    expect(receivingOfficeProblem('65010201', '44')).toBe('office 65010201 is in province 65; this receiving office serves province 44');
    expect(receivingOfficeProblem('44000001', '44')).toBe('440000 is the province itself, not a county');
    expect(receivingOfficeProblem('4401', '44')).toMatch(/8 digits/);
  });

  it('need a postal address only for delivery by post', () => {
    expect(postalAddressProblem('post', undefined)).toBe('is required when the card is delivered by post');
    expect(postalAddressProblem('post', '  ')).not.toBeNull();
    expect(postalAddressProblem('post', '广州市天河区某路 8 号')).toBeNull();
    expect(postalAddressProblem('kiosk', undefined)).toBeNull();
  });

  it('send the application to the declared home registry, else to the province that issued the ID number', () => {
    expect(homeProvinceFor(man)).toBe('65');
    expect(homeProvinceFor(man, '44')).toBe('44');
  });

  it('lets only a lost application report the loss at the counter', () => {
    expect(lossReportedAtCounterProblem('lost', true)).toBeNull();
    expect(lossReportedAtCounterProblem('renewal', false)).toBeNull();
    expect(lossReportedAtCounterProblem('first', undefined)).toBeNull();
    expect(lossReportedAtCounterProblem('renewal', true)).toBe('is only for a lost application (补领), not renewal');
    expect(lossReportedAtCounterProblem('lost', 'yes')).toBe('must be true or false');
  });
});
