import { Community, GridArea, GridWorker, Subdistrict } from './places';
import { HomeVisit, Resident, ResidentHousehold, VisitOutcome } from './residents';

export { Subdistrict, Community, GridArea, GridWorker, ResidentHousehold, Resident, HomeVisit, VisitOutcome };
export const entities = [Subdistrict, Community, GridWorker, GridArea, ResidentHousehold, Resident, HomeVisit];
