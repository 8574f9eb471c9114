import { IsIn, IsString, Length, Matches } from 'class-validator';
import type { Sex } from '../citizen-id/citizen-id';
import type { EthnicGroupCode } from '../codes/ethnic-groups';
import { IsCalendarDate, IsCitizenId, IsEthnicGroupCode } from '../validators';

/** Who the card is for, as declared at the counter and checked against the register; printed on the card. */
export class CitizenParticulars {
  @IsCitizenId()
  idNumber: string;

  @IsString()
  @Length(1, 30)
  @Matches(/\S/, { message: 'name: must not be blank' })
  name: string;

  @IsIn(['male', 'female'])
  sex: Sex;

  /** As declared; the registry compares it with the register (BIRTH_DATE_MISMATCH), not with the ID number. */
  @IsCalendarDate()
  birthDate: string;

  @IsEthnicGroupCode()
  ethnicGroup: EthnicGroupCode;
}
