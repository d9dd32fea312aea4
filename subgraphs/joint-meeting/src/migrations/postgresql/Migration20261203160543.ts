import { Migration } from '@mikro-orm/migrations';

export class Migration20261203160543 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "cross_check_lease" ("id" varchar(20) not null, "token" varchar(36) not null, "started_by" varchar(64) not null, "since" timestamptz(6) not null, "until" timestamptz(6) not null, constraint "cross_check_lease_pkey" primary key ("id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "cross_check_lease" cascade;`);
  }

}
