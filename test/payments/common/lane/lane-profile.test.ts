import { describe, expect, it } from 'vitest';
import { laneByProfile, profileProblem, type LaneProfile } from '../../../../payments/common/lane/lane-profile.js';
import { LANE_STRIP_PRESENCE_RULE } from '../../../../payments/common/lane/presence.js';

const profile: LaneProfile = { levelsDbm: [-61, -70.5, -78, -83], floorDbm: -85, sigmaDb: 2.5, minLogOdds: 8, windowMs: 1_000 };
const levels = (byLane: Record<number, number>) => new Map(Object.entries(byLane).map(([lane, level]) => [Number(lane), level]));

describe('laneByProfile', () => {
  it('names a shadowed lane over a lucky neighbour by the lanes further out', () => {
    // Lanes 1 and 2 heard alike; lane 3 as a neighbour and lane 4 as two away fit only lane 2.
    expect(laneByProfile(levels({ 1: -66.5, 2: -66, 3: -69, 4: -78 }), profile)).toBe(2);
    // The mirror image: lane 3 and lane 1 heard as its neighbour and two away.
    expect(laneByProfile(levels({ 4: -66.5, 3: -66, 2: -69, 1: -78 }), profile)).toBe(3);
  });

  it('weighs only the lanes the cart can be at, and names the only one left', () => {
    const even = (lane: number) => lane % 2 === 0;
    // Lanes 1 and 2 heard alike: no call among all four, lane 2 among the even ones.
    expect(laneByProfile(levels({ 1: -66, 2: -66, 3: -74, 4: -80 }), profile)).toBeNull();
    expect(laneByProfile(levels({ 1: -66, 2: -66, 3: -74, 4: -80 }), profile, even)).toBe(2);
    expect(laneByProfile(levels({ 1: -66, 2: -66 }), profile, even)).toBe(2);
    expect(laneByProfile(levels({ 1: -66, 3: -66 }), profile, even)).toBeNull();
  });

  it('names no lane between two lanes that fit about as well', () => {
    expect(laneByProfile(levels({ 1: -66, 2: -66, 3: -74, 4: -80 }), profile)).toBeNull();
    expect(laneByProfile(levels({ 1: -70, 2: -70, 3: -70, 4: -70 }), profile)).toBeNull();
  });

  it('names the lane heard as the profile says, and the odds decide how close a call may be', () => {
    const clear = levels({ 1: -61, 2: -70.5, 3: -78, 4: -83 });
    expect(laneByProfile(clear, profile)).toBe(1);
    expect(laneByProfile(levels({ 1: -66.5, 2: -66, 3: -69, 4: -78 }), { ...profile, minLogOdds: 20 })).toBeNull();
  });

  it('needs two lanes to tell apart, counts unheard lanes at the floor and far lanes as the last entry', () => {
    expect(laneByProfile(levels({ 2: -50 }), profile)).toBeNull();
    expect(laneByProfile(new Map(), profile)).toBeNull();
    // Lane 9 is seven lanes away from lane 2 and unheard (-100): it counts as -85 against -83.
    expect(laneByProfile(levels({ 1: -70.5, 2: -61, 3: -70.5, 9: -100 }), profile)).toBe(2);
    // Lane ids with gaps: the lanes between are simply not heard.
    expect(laneByProfile(levels({ 2: -61, 4: -78, 5: -83 }), profile)).toBe(2);
  });

  it('finds what is wrong with a profile', () => {
    expect(profileProblem(profile)).toBeNull();
    expect(LANE_STRIP_PRESENCE_RULE.crossing?.profile && profileProblem(LANE_STRIP_PRESENCE_RULE.crossing.profile)).toBeNull();
    expect(profileProblem({ ...profile, levelsDbm: [-61] })).toMatch(/neighbours/);
    expect(profileProblem({ ...profile, levelsDbm: [-61, Number.NaN] })).toMatch(/finite/);
    expect(profileProblem({ ...profile, floorDbm: Number.NEGATIVE_INFINITY })).toMatch(/finite/);
    expect(profileProblem({ ...profile, sigmaDb: 0 })).toMatch(/sigmaDb/);
    expect(profileProblem({ ...profile, minLogOdds: Number.NaN })).toMatch(/minLogOdds/);
    expect(profileProblem({ ...profile, windowMs: Number.POSITIVE_INFINITY })).toMatch(/windowMs/);
  });
});
