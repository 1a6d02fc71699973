/**
 * Constants of the inquiry form, shared by the schema, the island and the database.
 */
export const INDUSTRY_TRACKS = [
  'satellite-communications',
  'navigation',
  'remote-sensing',
  'other-aerospace',
  'other',
] as const;

export const LEAD_LIMITS = {
  companyName: 100,
  contactName: 50,
  email: 254,
  message: 2000,
  units: 10,
  tourTimes: 3,
  policyProfiles: 10,
} as const;

/** The shortest time a person takes to fill the form; faster submissions are refused as automated. */
export const MIN_FILL_SECONDS = 3;
