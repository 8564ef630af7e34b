import { describe, expect, it } from 'vitest';
import { aiAt, aiSpec, firstOutside, knownAis } from '../../../../domain/common/codes/gs1-ai.js';

describe('the GS1 AI table', () => {
  const ais = knownAis();

  it('holds every AI the cart must read', () => {
    const required = ['00', '01', '02', '10', '11', '13', '15', '17', '21', '30', '37'];
    for (let n = 0; n <= 5; n++) required.push(`310${n}`, `320${n}`);
    for (let n = 0; n <= 3; n++) required.push(`392${n}`, `393${n}`);
    for (const ai of required) expect(aiSpec(ai), ai).toBeDefined();
  });

  it('has no AI that is a prefix of another, so concatenated data splits one way only', () => {
    expect(ais.filter((a) => !/^\d{2,4}$/.test(a.ai))).toEqual([]);
    const clashes = ais.flatMap((a) => ais.filter((b) => a !== b && b.ai.startsWith(a.ai)).map((b) => `${a.ai} / ${b.ai}`));
    expect(clashes).toEqual([]);
  });

  it('gives predefined-length AIs a fixed length, as FNC1-free splitting needs', () => {
    for (const spec of ais.filter((s) => s.predefinedLength)) expect(spec.minLength, spec.ai).toBe(spec.maxLength);
  });

  it('marks the GS1 predefined-length prefixes and no others', () => {
    expect(['00', '01', '02', '11', '17', '20', '3103', '3205', '410'].map((ai) => aiSpec(ai)?.predefinedLength)).toEqual(Array(9).fill(true));
    expect(['10', '21', '30', '37', '3922', '3932', '8005', '90'].map((ai) => aiSpec(ai)?.predefinedLength)).toEqual(Array(8).fill(false));
  });

  it('knows the value syntax of the AIs with typed meaning', () => {
    expect(aiSpec('00')).toMatchObject({ minLength: 18, maxLength: 18 });
    expect(aiSpec('10')).toMatchObject({ minLength: 1, maxLength: 20, parts: [{ charset: 'X' }] });
    expect(aiSpec('3923')).toMatchObject({ minLength: 1, maxLength: 15 });
    expect(aiSpec('3933')).toMatchObject({ minLength: 4, maxLength: 18 });
    expect(aiSpec('3106')).toBeUndefined(); // net weight has at most 5 decimals
  });

  it('finds the AI at a position whatever its length', () => {
    expect(aiAt('xx0109501101020917', 2)?.ai).toBe('01');
    expect(aiAt('3103000750', 0)?.ai).toBe('3103');
    expect(aiAt('4101234567890128', 0)?.ai).toBe('410');
    expect(aiAt('2312', 0)).toBeUndefined();
  });

  it('tells GS1 characters (CSET 82) from others', () => {
    expect(firstOutside('X', `!"%&'()*+,-./0123456789:;<=>?ABCXYZ_abcxyz`)).toBe(-1);
    expect(firstOutside('X', 'AB C')).toBe(2); // no space
    expect(firstOutside('X', 'ABé')).toBe(2);
    expect(firstOutside('X', 'A#B')).toBe(1);
    expect(firstOutside('N', '12a')).toBe(2);
  });
});
