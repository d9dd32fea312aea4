import { PoorHousehold, PoorHouseholdMember } from './poor-household';
import { AidGrant } from './aid-grant';
import { ChildWelfareRecord, DisabilityRecord, LeftBehindChild } from './child-registries';

export * from './enums';
export { PoorHousehold, PoorHouseholdMember, AidGrant, LeftBehindChild, DisabilityRecord, ChildWelfareRecord };
export const entities = [PoorHousehold, PoorHouseholdMember, AidGrant, LeftBehindChild, DisabilityRecord, ChildWelfareRecord];
