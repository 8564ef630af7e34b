// Which lane a cart on a lane's mouth is at, from the levels of all the lanes it hears at once
// (step 5 of the presence rule, docs/payments.md "Lane presence").
//
// A cart on lane N's mouth hears lane N at about one level, N's neighbours about 10 dB lower, the
// lanes two away lower still: a profile across the store front. Comparing the strongest lane
// with the runner-up only looks at two points of that profile, and a cart whose own lane is
// shadowed while a neighbour is lucky makes those two points look alike. The lanes further out
// still tell the two apart: a cart at lane 4 hears lane 2 as a lane two away, a cart at lane 3
// hears it as a neighbour. So each lane the cart could be at is scored by how well the profile,
// centred on it, fits every lane's level, and a lane is named when it fits far better than any
// other.

/** The profile a cart on a lane's mouth hears across the store front (CrossingRule.profile). */
export interface LaneProfile {
  /**
   * The level a cart on a lane's mouth hears, dBm, from that lane ([0]), its neighbours ([1]),
   * the lanes two away ([2]) and so on; lanes further out than the list count as its last entry.
   * Lane ids number the lanes in order along the store front (lane 3 is between 2 and 4).
   */
  readonly levelsDbm: readonly number[];
  /** Levels under this count as this, dBm: that far out, a level no longer says how far. */
  readonly floorDbm: number;
  /**
   * How far a lane's level strays from the profile by shadowing, dB (for the mean of its
   * beacons: a beacon's shadowing over the square root of their number).
   */
  readonly sigmaDb: number;
  /** How many times (as a natural log) better the named lane must explain the levels than any other. */
  readonly minLogOdds: number;
  /**
   * How long after the crossing the cart is still near enough the mouth for the profile, ms:
   * deeper in, the beacons are beside and behind it and the lanes are heard otherwise.
   */
  readonly windowMs: number;
}

/**
 * The lane the levels (by lane id) fit the profile at by at least `minLogOdds` over every
 * other lane the cart can be at (`possible`; by default any lane heard), or null. Needs two
 * lanes heard or more: one lane alone has nothing to be told from.
 */
export function laneByProfile(levels: ReadonlyMap<number, number>, profile: LaneProfile, possible: (laneId: number) => boolean = () => true): number | null {
  if (levels.size < 2) return null;
  const expected = (fromLane: number, lane: number): number => {
    const away = Math.min(Math.abs(lane - fromLane), profile.levelsDbm.length - 1);
    return Math.max(profile.levelsDbm[away] as number, profile.floorDbm);
  };
  // How well "the cart is at lane L" explains the levels: with Gaussian shadowing, the
  // log-likelihood is minus the sum of squared differences from the profile over 2 sigma^2.
  const misfits = [...levels.keys()]
    .filter(possible)
    .map((at) => {
      let sum = 0;
      for (const [lane, level] of levels) sum += (Math.max(level, profile.floorDbm) - expected(at, lane)) ** 2;
      return { at, logLikelihood: -sum / (2 * profile.sigmaDb ** 2) };
    })
    .sort((a, b) => b.logLikelihood - a.logLikelihood);
  const [best, second] = misfits;
  if (!best) return null;
  // The only lane the cart can be at (its strip's pole rules out the others) is that lane.
  return best.logLikelihood - (second?.logLikelihood ?? Number.NEGATIVE_INFINITY) >= profile.minLogOdds ? best.at : null;
}

/** Why a profile cannot work, or null. */
export function profileProblem(profile: LaneProfile): string | null {
  if (profile.levelsDbm.length < 2) return 'crossing.profile.levelsDbm needs the own lane and its neighbours at least';
  if (![...profile.levelsDbm, profile.floorDbm].every(Number.isFinite)) return 'crossing.profile levels must be finite';
  if (!(Number.isFinite(profile.sigmaDb) && profile.sigmaDb > 0)) return `crossing.profile.sigmaDb must be above 0, not ${profile.sigmaDb}`;
  if (!(Number.isFinite(profile.minLogOdds) && profile.minLogOdds > 0)) return `crossing.profile.minLogOdds must be above 0, not ${profile.minLogOdds}`;
  if (!(Number.isFinite(profile.windowMs) && profile.windowMs > 0)) return `crossing.profile.windowMs must be above 0, not ${profile.windowMs}`;
  return null;
}
