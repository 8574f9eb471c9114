import { replyProblem } from './replies';

const request = { homeProvince: '44', receivingOfficeCode: '65010201' };

describe('an answer to one of this office’s requests', () => {
  it('is taken from the registry it was sent to, for the office that sent it', () => {
    expect(replyProblem('loss report r1', { province: '44', service: 'registry-office' }, request, '65010201')).toBeNull();
  });

  it('is refused from another registry, from another service, or for another office', () => {
    expect(replyProblem('loss report r1', { province: '11', service: 'registry-office' }, request, '65010201')).toBe(
      'loss report r1 was answered by the registry-office of province 11, but only the registry it was sent to (44) answers',
    );
    expect(replyProblem('loss report r1', { province: '44', service: 'production-center' }, request, '65010201')).toMatch(/production-center of province 44/);
    expect(replyProblem('loss report r1', { province: '44', service: 'registry-office' }, request, '65010301')).toBe(
      'loss report r1 was sent by office 65010201, not 65010301',
    );
  });
});
