import { describe, expect, it } from 'vitest';
import { assignLabels, predictClasses } from '../../src/snn/index.js';

describe('label assignment and prediction (DC1 evaluation script)', () => {
  it('assigns each neuron the class with the highest mean response; ties → lowest class; silent → −1', () => {
    // 3 neurons, 4 images: classes 0, 0, 1, 2
    const responses = [
      2,
      0,
      1, //
      4,
      0,
      1, //
      1,
      0,
      1, //
      9,
      0,
      0, //
    ];
    const a = assignLabels({ responses, labels: [0, 0, 1, 2], neurons: 3, classes: 3 });
    // neuron 0: means 3, 1, 9 → class 2; neuron 1: silent → −1; neuron 2: means 1, 1, 0 → tie → class 0
    expect(Array.from(a)).toEqual([2, -1, 0]);
  });

  it('uses means, not sums (class sizes differ)', () => {
    const responses = [1, 1, 1, 3];
    expect(Array.from(assignLabels({ responses, labels: [0, 0, 0, 1], neurons: 1, classes: 2 }))).toEqual([1]);
  });

  it('predicts the class whose assigned neurons have the highest mean count; ties → highest class', () => {
    const assignments = Int8Array.from([0, 0, 1, -1]);
    const responses = [
      4,
      0,
      3,
      100, // class 0 mean 2, class 1 mean 3 → 1
      4,
      2,
      3,
      0, //   class 0 mean 3, class 1 mean 3 → tie → 1
      0,
      0,
      0,
      0, //   all zero (classes 0, 1 and unassigned 2 tie at 0) → highest class 2
    ];
    expect(Array.from(predictClasses(responses, assignments, 3))).toEqual([1, 1, 2]);
  });
});
