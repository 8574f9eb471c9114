import { IsIn, IsString, IsUUID, Length } from 'class-validator';
import type { ProvinceCode } from '../codes/provinces';
import { domainRule, IsCardSerial, IsProvinceCode, IsTimestamp } from '../validators';
import { VERIFICATION_REASONS, VerificationReason } from '../verification/verification';

/** The reason of an answer: one of VERIFICATION_REASONS exactly when the result is invalid, absent when valid. */
function IsAnswerReason(): PropertyDecorator {
  return domainRule(
    'isAnswerReason',
    (v, o) => {
      if (o.result !== 'invalid') return v === undefined ? null : 'must be absent unless the result is invalid';
      return VERIFICATION_REASONS.includes(v as VerificationReason) ? null : `must be one of ${VERIFICATION_REASONS.join(', ')} when the result is invalid`;
    },
    undefined,
    { schema: { type: 'string', enum: [...VERIFICATION_REASONS], description: 'present exactly when the result is invalid' }, mayBeAbsent: true },
  );
}

/**
 * registry that answered a verification → the card's home registry (idcard.registry.<home>.verifications, keyed by
 * card serial): a verifier (bank, hotel, telecom) checked one of your cards here, so the holder's tracker
 * (GET /citizens/me/verifications) shows every check of their card, nationwide. It says who checked, where, when and
 * what was answered — never what was presented (no ID number, no name): the home registry knows its own holder.
 */
export class CardVerified {
  /** The answering registry's id of this check: the home registry records each once. */
  @IsUUID()
  checkId: string;

  @IsCardSerial()
  cardSerial: string;

  /** The registry the card belongs to (the verification table's home province of the card): the addressee. */
  @IsProvinceCode()
  homeProvince: ProvinceCode;

  /** Where the check was answered: the sending registry's own province. */
  @IsProvinceCode()
  checkedIn: ProvinceCode;

  /** The verifier client as its token names it (an organisation: 中国工商银行深圳分行), for the holder to read. */
  @IsString()
  @Length(1, 200)
  verifierName: string;

  /** The verifier client's token subject, for the home registry's records (a longer one travels as its SHA-256). */
  @IsString()
  @Length(1, 200)
  verifierSubject: string;

  @IsIn(['valid', 'invalid'])
  result: 'valid' | 'invalid';

  @IsAnswerReason()
  reason?: VerificationReason;

  @IsTimestamp()
  checkedAt: string;
}
