import { Community, GridArea, GridWorker, Subdistrict } from './places';
import { HomeVisit, Resident, ResidentHousehold } from './residents';

export * from './enums';
export { Subdistrict, Community, GridArea, GridWorker, ResidentHousehold, Resident, HomeVisit };
export const entities = [Subdistrict, Community, GridWorker, GridArea, ResidentHousehold, Resident, HomeVisit];
