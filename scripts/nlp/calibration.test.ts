import { describe, expect, it } from 'vitest';
import { atTemperature, expectedCalibrationError, fitTemperature, type Scored } from './calibration.ts';

describe('sentiment calibration', () => {
  it('ECE is 0 when stated confidence matches accuracy and grows with overconfidence', () => {
    // Ten posts said at 0.8, eight of them right: calibrated.
    const probs = Array.from({ length: 10 }, () => [0.8, 0.1, 0.1]);
    const gold = [0, 0, 0, 0, 0, 0, 0, 0, 1, 2];
    expect(expectedCalibrationError(probs, gold)).toBeCloseTo(0);
    // The same answers said at 0.99: 19 points too sure.
    expect(expectedCalibrationError(probs.map(() => [0.99, 0.005, 0.005]), gold)).toBeCloseTo(0.19);
  });

  it('fits a temperature above 1 for an overconfident model and below 1 for an underconfident one', () => {
    // Logits that say class 0 at ~0.98 while it is right 7 times in 10.
    const sure: Scored[] = Array.from({ length: 10 }, (_, i) => ({ logits: [4, 0, 0], gold: i < 7 ? 0 : 1 }));
    const t = fitTemperature(sure);
    expect(t).toBeGreaterThan(1);
    const calibrated = atTemperature(sure, t);
    expect(expectedCalibrationError(calibrated, sure.map((r) => r.gold))).toBeLessThan(expectedCalibrationError(atTemperature(sure, 1), sure.map((r) => r.gold)));
    const timid: Scored[] = Array.from({ length: 10 }, () => ({ logits: [0.2, 0, 0], gold: 0 }));
    expect(fitTemperature(timid)).toBeLessThan(1);
  });

  it('reads a two-class label as the classes it allows, and never goes under the lowest temperature asked for', () => {
    // Sure of the wrong polarity 4 times in 10 (the label allows its own class and neutral): too sure.
    const wrongPolarity: Scored[] = Array.from({ length: 10 }, (_, i) => ({ logits: [4, 0, 0], gold: i < 6 ? 0 : 2, allowed: i < 6 ? [0, 1] : [2, 1] }));
    expect(fitTemperature(wrongPolarity)).toBeGreaterThan(1);
    // Always answering neutral where the label allows it: no polar answer is contradicted, so the
    // fit would sharpen without end; the floor keeps it at the temperature it is given.
    const neutral: Scored[] = Array.from({ length: 10 }, (_, i) => ({ logits: [0, 1, 0], gold: i % 2 ? 0 : 2, allowed: i % 2 ? [0, 1] : [2, 1] }));
    expect(fitTemperature(neutral)).toBe(0.3);
    expect(fitTemperature(neutral, 1)).toBe(1);
  });
});
