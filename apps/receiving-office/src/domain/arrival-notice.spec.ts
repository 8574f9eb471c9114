import { arrivalNoticeText } from './arrival-notice';

describe('arrival notice', () => {
  it('names the receipt and where to collect the card', () => {
    const text = arrivalNoticeText({ receiptNumber: 'R65-20261101-000007', receivingOfficeCode: '65010201', deliveryMethod: 'kiosk' });
    expect(text).toContain('R65-20261101-000007');
    expect(text).toContain('65010201');
    expect(text).toContain('自助领证机');
  });

  it('says the card will be posted when it goes by post', () => {
    expect(arrivalNoticeText({ receiptNumber: 'R65-20261101-000008', receivingOfficeCode: '65010201', deliveryMethod: 'post' })).toContain('邮寄');
  });
});
