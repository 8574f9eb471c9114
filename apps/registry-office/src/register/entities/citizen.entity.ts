import { Column, Entity, PrimaryColumn } from 'typeorm';
import { sealedText } from '@idcard/biometrics';
import type { EthnicGroupCode } from '@idcard/contracts';

/** A person in the population register of this province (户籍). */
@Entity({ name: 'citizen' })
export class Citizen {
  @PrimaryColumn({ name: 'id_number', type: 'text' })
  idNumber: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  sex: 'male' | 'female';

  @Column({ name: 'birth_date', type: 'date' })
  birthDate: string;

  @Column({ name: 'ethnic_group', type: 'text' })
  ethnicGroup: EthnicGroupCode;

  @Column({ name: 'home_province', type: 'text' })
  homeProvince: string;

  @Column({ type: 'text' })
  address: string;

  /** Mobile number for SMS to the citizen (one-time codes, a found card); null when the register has none. */
  @Column({ name: 'phone_number', type: 'text', nullable: true })
  phoneNumber: string | null;

  /** The photo of the citizen's current card (base64 JPEG), sealed at rest; null when the register has none. Not loaded unless asked for. */
  @Column({ type: 'text', nullable: true, select: false, transformer: sealedText })
  photo?: string | null;
}
