import { PoorHousehold, PoorHouseholdMember } from './poor-household';
import { AidGrant } from './aid-grant';
import { DisabilityRecord, LeftBehindChild } from './child-registries';

export * from './enums';
export { PoorHousehold, PoorHouseholdMember, AidGrant, LeftBehindChild, DisabilityRecord };
export const entities = [PoorHousehold, PoorHouseholdMember, AidGrant, LeftBehindChild, DisabilityRecord];
