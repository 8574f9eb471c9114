import { arrivalNoticeText } from './arrival-notice';

describe('arrival notice', () => {
  it('names the receipt and where to collect the card', () => {
    const text = arrivalNoticeText({ receiptNumber: 'R65-20261101-000007', receivingOfficeCode: '65010201', deliveryMethod: 'kiosk' });
    expect(text).toContain('R65-20261101-000007');
    expect(text).toContain('65010201');
    expect(text).toContain('自助领证机');
  });

  it('sends the citizen to the counter when the card is collected there', () => {
    expect(arrivalNoticeText({ receiptNumber: 'R65-20261101-000009', receivingOfficeCode: '65010201', deliveryMethod: 'counter' })).toBe(
      '【居民身份证】回执号 R65-20261101-000009 的居民身份证已到达，请携带回执到受理点 65010201 的窗口领取。',
    );
  });

  it('says the card will be posted when it goes by post', () => {
    expect(arrivalNoticeText({ receiptNumber: 'R65-20261101-000008', receivingOfficeCode: '65010201', deliveryMethod: 'post' })).toContain('邮寄');
  });
});
