/**
 * What the joint meeting needs of other departments' records to merge a child's timeline. The
 * gateway fetches these (`@requires`) from their owners *as the caller*, so the permission
 * matrix applies: a department that may not see a child's status history gets a timeline without it.
 */
export enum TimelineStatusCode {
  ADMISSION = 'ADMISSION', RESUMPTION = 'RESUMPTION', TRANSFER_IN = 'TRANSFER_IN', GRADUATION = 'GRADUATION', COMPLETION = 'COMPLETION',
  SUSPENSION = 'SUSPENSION', WITHDRAWAL = 'WITHDRAWAL', EXPULSION = 'EXPULSION', DEATH = 'DEATH', TRANSFER_OUT = 'TRANSFER_OUT',
  DROPOUT = 'DROPOUT', PROMOTION = 'PROMOTION', CLASS_CHANGE = 'CLASS_CHANGE', REPETITION = 'REPETITION',
}

export enum TimelineVisitOutcome {
  MET_FAMILY = 'MET_FAMILY', MET_CHILD = 'MET_CHILD', CHILD_PERSUADED = 'CHILD_PERSUADED', REFUSED = 'REFUSED', NOT_HOME = 'NOT_HOME', MOVED_AWAY = 'MOVED_AWAY',
}
