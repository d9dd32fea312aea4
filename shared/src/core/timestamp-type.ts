import { Type, type EntityProperty, type Platform } from '@mikro-orm/core';

/**
 * A point in time, stored as `timestamptz` in PostgreSQL and `datetime` in SQLite, always
 * written as an ISO-8601 string. MikroORM's SQLite platform compares Date properties as epoch
 * numbers while its snapshots hold strings, which marks every loaded row dirty and bumps its
 * version on the next flush; comparing as strings keeps change tracking exact on both databases.
 */
export class TimestampType extends Type<Date, string> {
  override convertToDatabaseValue(value: Date | string | number | null | undefined): string {
    if (value == null) return value as unknown as string;
    return (value instanceof Date ? value : new Date(value)).toISOString();
  }

  override convertToJSValue(value: Date | string | number | null | undefined): Date {
    if (value == null) return value as unknown as Date;
    return value instanceof Date ? value : new Date(value);
  }

  override compareAsType(): string {
    return 'string';
  }

  override getColumnType(prop: EntityProperty, platform: Platform): string {
    return platform.getDateTimeTypeDeclarationSQL({ length: prop.length ?? 6 });
  }
}
