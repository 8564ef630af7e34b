// A call for help in the session log: asked once, answered only by the staff member signed in,
// taken back by anyone, and kept on the cart across a trip's phases.
import { describe, expect, it } from 'vitest';
import { parseNewSessionEvent } from '../../../../domain/common/session/events.js';
import { build, refusal, shopping, staffIn, T0 } from './fixture.js';

const ask = { type: 'helpRequested', from: 'screen' } as const;

describe('the help call', () => {
  it('opens on a request and closes when the signed-in staff member answers it', () => {
    const asked = build([...shopping, ask]);
    expect(asked.help).toEqual({ from: 'screen', since: T0 + 20_000 });
    const answered = build([...shopping, ask, staffIn('staff-lee'), { type: 'helpEnded', how: 'answered', by: 'staff-lee' }]);
    expect(answered.help).toBeNull();
    expect(answered.staff?.staffId).toBe('staff-lee');
  });

  it('may be asked with no trip, and taken back by the shopper or the system', () => {
    expect(build([ask]).help?.from).toBe('screen');
    expect(build([ask, { type: 'helpEnded', how: 'withdrawn', by: 'shopper' }]).help).toBeNull();
    expect(build([...shopping, ask, { type: 'signedOut' }]).help).not.toBeNull();
  });

  it('refuses a second call, a call with staff at the cart, an end with no call, and an answer by anyone but the staff signed in', () => {
    expect(refusal([ask], ask).code).toBe('duplicate');
    expect(refusal([...shopping, staffIn()], ask).code).toBe('wrong-state');
    expect(refusal(shopping, { type: 'helpEnded', how: 'withdrawn', by: 'shopper' }).code).toBe('unknown');
    expect(refusal([...shopping, ask], { type: 'helpEnded', how: 'answered', by: 'shopper' }).code).toBe('not-staff');
    expect(refusal([...shopping, ask, staffIn('staff-lee')], { type: 'helpEnded', how: 'answered', by: 'staff-bo' }).code).toBe('not-staff');
  });

  it('checks the events at the boundary', () => {
    expect(parseNewSessionEvent({ type: 'helpRequested', from: 'phone' }).ok).toBe(false);
    expect(parseNewSessionEvent({ type: 'helpRequested' }).ok).toBe(false);
    expect(parseNewSessionEvent({ type: 'helpEnded', how: 'ignored', by: 'shopper' }).ok).toBe(false);
    expect(parseNewSessionEvent({ type: 'helpEnded', how: 'answered', by: '' }).ok).toBe(false);
    expect(parseNewSessionEvent({ type: 'helpRequested', from: 'button', extra: 1 }).ok).toBe(false);
  });
});
