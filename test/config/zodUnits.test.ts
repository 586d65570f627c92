import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { featureArea, nonNegativeQuantity, positiveQuantity, quantity, citationSchema } from '../../src/config/index.js';

describe('zod unit helpers', () => {
  it('turn unit strings into SI numbers at parse time', () => {
    const schema = z.strictObject({
      r: quantity('resistance'),
      t: positiveQuantity('time'),
      e: nonNegativeQuantity('energy'),
      a: featureArea(),
      source: citationSchema,
    });
    expect(schema.parse({ r: '10 kohm', t: '5 ns', e: '0 J', a: '4 F^2', source: 'a paper' })).toEqual({ r: 1e4, t: 5e-9, e: 0, a: 4, source: 'a paper' });
  });

  it('refuse bare numbers, wrong dimensions, signs and empty citations', () => {
    const fails = (schema: z.ZodType, v: unknown, msg: RegExp) => {
      const r = schema.safeParse(v);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(msg);
    };
    fails(quantity('voltage'), 0.2, /expected a voltage with a unit/);
    fails(quantity('voltage'), '2 ohm', /not a voltage/);
    fails(positiveQuantity('time'), '0 s', /positive time/);
    fails(nonNegativeQuantity('energy'), '-1 pJ', /non-negative energy/);
    fails(featureArea(), '0 F^2', /positive/);
    fails(featureArea(), '4 m^2', /cell area/);
    fails(citationSchema, '', /cite/);
  });
});
