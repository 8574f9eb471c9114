import { canMove, IllegalRegistryTransition, isInFlight, moveApplication, REGISTRY_APPLICATION_STATES } from './registry-application';

describe('registry application states', () => {
  it('holds the citizen slot only while under review, in manual review or signed off', () => {
    expect(REGISTRY_APPLICATION_STATES.filter(isInFlight)).toEqual(['under_review', 'manual_review', 'signed_off']);
  });

  it('lets a reviewer decide only what awaits review', () => {
    expect(canMove('manual_review', 'signed_off')).toBe(true);
    expect(canMove('manual_review', 'rejected')).toBe(true);
    expect(canMove('signed_off', 'rejected')).toBe(false);
    expect(canMove('rejected', 'signed_off')).toBe(false);
  });

  it('issues only a signed-off application', () => {
    expect(moveApplication('R44-AAAAAA', 'signed_off', 'issued')).toBe('issued');
    expect(() => moveApplication('R44-AAAAAA', 'manual_review', 'issued')).toThrow(IllegalRegistryTransition);
    expect(() => moveApplication('R44-AAAAAA', 'issued', 'issued')).toThrow('application R44-AAAAAA is issued and cannot become issued');
  });
});
