export enum NoticeRecipient {
  GUARDIAN = 'GUARDIAN',
  EMPLOYER = 'EMPLOYER',
}

export enum LocateStatus {
  OPEN = 'OPEN',
  REPORTED = 'REPORTED',
}
