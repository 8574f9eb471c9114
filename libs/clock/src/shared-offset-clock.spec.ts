import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SharedOffsetClock } from './shared-offset-clock';

describe('SharedOffsetClock', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'clock-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const DAY = 24 * 60 * 60 * 1000;

  it('is real time while the file is missing, and moves every process reading the file when one advances it', () => {
    const file = path.join(dir, 'offset');
    const driver = new SharedOffsetClock(file);
    const service = new SharedOffsetClock(file, 0);
    expect(Math.abs(service.now().getTime() - Date.now())).toBeLessThan(1000);
    driver.advanceDays(3);
    expect(service.now().getTime() - Date.now()).toBeGreaterThan(3 * DAY - 1000);
    expect(driver.now().getTime() - Date.now()).toBeGreaterThan(3 * DAY - 1000);
  });

  it('never goes back, whatever the file says, and refuses to be moved back', () => {
    const file = path.join(dir, 'offset');
    const service = new SharedOffsetClock(file, 0);
    writeFileSync(file, String(5 * DAY));
    const later = service.now().getTime();
    writeFileSync(file, 'nonsense');
    expect(service.now().getTime()).toBeGreaterThanOrEqual(later);
    expect(() => service.advance(-1)).toThrow('time only moves forward');
  });
});
