// The fixed choices a staff member picks from on the cart's screen, apart from the intents' schemas
// so the screen can list them without bundling zod.

/** Why a staff member set a line's price by hand; the screen translates each. */
export const overrideReasons = ['damaged', 'shelf-price', 'manager'] as const;
export type OverrideReason = (typeof overrideReasons)[number];

/** The test weights a store keeps by the cart dock, in mg (1 kg, 2 kg, 5 kg). */
export const calibrationWeightsMg = [1_000_000, 2_000_000, 5_000_000] as const;
