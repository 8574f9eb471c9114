import { approvedEthnicity, ApplicationUnderReview, Particulars, RegisterEntry, review, sameName, whyDoubtful } from './review';

const registered: RegisterEntry = {
  idNumber: '440106199003071234',
  name: '王伟',
  sex: 'male',
  birthDate: '1990-03-07',
  ethnicGroup: '01',
  holdsCard: true,
  validCardSerial: 'RG0011223344556677',
};
const application = (over: Partial<Particulars> = {}, rest: Partial<ApplicationUnderReview> = {}): ApplicationUnderReview => ({
  kind: 'renewal',
  feePaidYuan: 20,
  citizen: {
    idNumber: registered.idNumber,
    name: registered.name,
    sex: registered.sex,
    birthDate: registered.birthDate,
    ethnicGroup: registered.ethnicGroup,
    ...over,
  },
  ...rest,
});

describe('review', () => {
  it('signs off an application that matches the register, with a good photo and the right fee', () => {
    expect(review(application(), registered, null)).toEqual({ decision: 'sign_off' });
  });

  it('rejects a citizen who is not in the register', () => {
    expect(review(application(), null, null)).toMatchObject({ decision: 'reject', reasonCode: 'NOT_IN_REGISTER' });
  });

  it.each([
    ['NAME_MISMATCH', { name: '王芳' }],
    ['SEX_MISMATCH', { sex: 'female' as const }],
    ['BIRTH_DATE_MISMATCH', { birthDate: '1990-03-08' }],
  ])('rejects with %s when the declared particulars differ', (reasonCode, over) => {
    expect(review(application(over), registered, null)).toMatchObject({ decision: 'reject', reasonCode });
  });

  it('tells the citizen which declared particular did not match, and which card there is none of', () => {
    const detail = (over: Partial<Particulars>, rest: Partial<ApplicationUnderReview> = {}, entry = registered) =>
      (review(application(over, rest), entry, null) as { detail: string }).detail;
    expect(detail({ sex: 'female' })).toMatch(/: declared female$/);
    expect(detail({ birthDate: '1990-03-08' })).toMatch(/: declared 1990-03-08$/);
    expect(detail({}, { kind: 'damaged' }, { ...registered, holdsCard: false })).toMatch(/ \(damaged\)$/);
  });

  it('names the declared value in the detail, never the registered one', () => {
    const outcome = review(application({ name: '王芳' }), registered, null);
    expect(outcome).toMatchObject({ detail: expect.stringContaining('王芳') });
    expect(JSON.stringify(outcome)).not.toContain('王伟');
  });

  it('rejects a bad photo with the problem in the detail', () => {
    expect(review(application(), registered, 'the photo is 300 × 400 pixels; the standard is 358 × 441')).toEqual({
      decision: 'reject',
      reasonCode: 'PHOTO_REJECTED',
      detail: expect.stringContaining('300 × 400'),
    });
  });

  it('prefers a rejection over a doubt: nothing for an officer to decide when the answer is already no', () => {
    expect(review(application({ name: '王芳', ethnicGroup: '03' }), registered, null)).toMatchObject({ decision: 'reject', reasonCode: 'NAME_MISMATCH' });
  });

  it('rejects a renewal or replacement when the register holds no card, and a first card when it holds one', () => {
    const noCard = { ...registered, holdsCard: false, validCardSerial: null };
    for (const kind of ['renewal', 'lost', 'damaged'] as const) {
      expect(review(application({}, { kind, feePaidYuan: kind === 'lost' ? 40 : 20 }), noCard, null)).toMatchObject({
        decision: 'reject',
        reasonCode: 'NO_CARD_TO_REPLACE',
      });
    }
    expect(review(application({}, { kind: 'first' }), registered, null)).toMatchObject({ decision: 'reject', reasonCode: 'FIRST_CARD_ALREADY_ISSUED' });
    expect(review(application({}, { kind: 'first' }), noCard, null)).toEqual({ decision: 'sign_off' });
  });

  it('sends a declared ethnicity change to manual review, saying which', () => {
    const outcome = review(application({ ethnicGroup: '03' }), registered, null);
    expect(outcome).toEqual({ decision: 'manual_review', doubts: [{ kind: 'ethnicity_change', registered: '01', declared: '03' }] });
    const doubts = outcome.decision === 'manual_review' ? outcome.doubts : [];
    expect(whyDoubtful(doubts)).toBe('declared ethnicity 03 Hui differs from the registered 01 Han');
    expect(approvedEthnicity(doubts)).toBe('03');
  });

  it('sends a fee other than the one due for the kind to manual review', () => {
    expect(review(application({}, { kind: 'lost', feePaidYuan: 20, lossReportedAtCounter: true }), registered, null)).toMatchObject({
      decision: 'manual_review',
      doubts: [{ kind: 'fee_mismatch', due: 40, paid: 20 }],
    });
    expect(review(application({}, { kind: 'lost', feePaidYuan: 40, lossReportedAtCounter: true }), registered, null)).toEqual({ decision: 'sign_off' });
  });

  it('rejects a lost application while the current card is valid and no loss was recorded with it (issue 12)', () => {
    expect(review(application({}, { kind: 'lost', feePaidYuan: 40 }), registered, null)).toMatchObject({
      decision: 'reject',
      reasonCode: 'LOSS_NOT_ON_RECORD',
    });
    const lostAlready = { ...registered, validCardSerial: null };
    expect(review(application({}, { kind: 'lost', feePaidYuan: 40 }), lostAlready, null)).toEqual({ decision: 'sign_off' });
  });

  it('lists every doubt', () => {
    const outcome = review(application({ ethnicGroup: '08' }, { feePaidYuan: 0 }), registered, null);
    expect(outcome.decision === 'manual_review' && outcome.doubts.map((d) => d.kind)).toEqual(['ethnicity_change', 'fee_mismatch']);
    expect(whyDoubtful(outcome.decision === 'manual_review' ? outcome.doubts : [])).toBe(
      'declared ethnicity 08 Zhuang differs from the registered 01 Han; fee paid 0 yuan, due 20 yuan',
    );
    expect(approvedEthnicity([{ kind: 'fee_mismatch', due: 20, paid: 0 }])).toBeNull();
  });
});

describe('sameName', () => {
  it('ignores spaces, width and middle-dot variants', () => {
    expect(sameName('阿依古丽·艾力', '阿依古丽・艾力')).toBe(true);
    expect(sameName(' 王 伟', '王伟')).toBe(true);
    expect(sameName('王伟', '王玮')).toBe(false);
    expect(sameName('阿依古丽.艾力', '阿依古丽·艾力')).toBe(true);
    expect(sameName('阿依古丽艾力', '阿依古丽·艾力')).toBe(false);
  });
});
