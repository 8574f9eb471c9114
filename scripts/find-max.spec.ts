import { maxSustainedRate, nextRate, RateTrial } from './find-max';

const held = (rate: number): RateTrial => ({ rate, sustained: true });
const failed = (rate: number): RateTrial => ({ rate, sustained: false });

describe('the search of npm run bench -- --find-max', () => {
  it('raises the rate by half while every step holds', () => {
    expect(nextRate([held(2)])).toBe(3);
    expect(nextRate([held(2), held(3)])).toBe(4.5);
  });

  it('halves the rate from a first step that did not hold until one does', () => {
    expect(nextRate([failed(100)])).toBe(50);
    expect(nextRate([failed(100), failed(50)])).toBe(25);
    expect(maxSustainedRate([failed(100), failed(50), held(25)])).toBe(25);
  });

  it('then looks between the highest rate held and the lowest that was not, until they are within a tenth', () => {
    expect(nextRate([failed(100), failed(50), held(25)])).toBe(37.5);
    expect(nextRate([held(20), held(30), failed(45)])).toBe(37.5);
    expect(nextRate([held(20), held(30), failed(45), held(37.5)])).toBe(41.3);
    expect(nextRate([held(40), failed(44)])).toBeNull();
  });

  it('answers a rate that held, never one above it', () => {
    const trials = [held(20), held(30), failed(45), failed(37.5), held(33.8)];
    expect(maxSustainedRate(trials)).toBe(33.8);
    expect(nextRate(trials)).toBe(35.7);
  });

  it('gives up below half an application a second, with no rate sustained', () => {
    expect(nextRate([failed(0.8)])).toBeNull();
    expect(maxSustainedRate([failed(0.8)])).toBeNull();
  });
});
