import { maskCitizenId, maskName } from './masking';

describe('masking personal data for logs', () => {
  it('keeps the region and the check character of an ID number, and nothing of birth date or sequence', () => {
    expect(maskCitizenId('440106199001010013')).toBe('440106***********3');
    expect(maskCitizenId('11010519491231002X')).toBe('110105***********X');
  });

  it('masks a malformed ID number whole, since it cannot be trusted to have its parts where expected', () => {
    expect(maskCitizenId('4401061990')).toBe('**********');
    expect(maskCitizenId('')).toBe('');
  });

  it('keeps the first character of a name', () => {
    expect(maskName('王秀英')).toBe('王**');
    expect(maskName('阿依古丽·买买提')).toBe('阿*******');
    expect(maskName('李')).toBe('李*');
    expect(maskName('')).toBe('');
  });
});
