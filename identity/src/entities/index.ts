import { AuditEntry } from '@kongchuo/shared/audit';
import { Account } from './account';
import { ServiceAccount } from './service-account';
import { ProviderKey } from './provider-key';
import { ProviderRecord } from './provider-record';

export { Account, ServiceAccount, ProviderKey, ProviderRecord };

/** Every change to an account or a service account is an entry of the shared hash-chained audit log. */
export const entities = [Account, ServiceAccount, ProviderKey, ProviderRecord, AuditEntry];
