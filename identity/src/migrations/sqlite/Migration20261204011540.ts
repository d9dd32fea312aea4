import { Migration } from '@mikro-orm/migrations';

export class Migration20261204011540 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`account\` (\`username\` text not null, \`name\` text not null, \`department\` text not null, \`role\` text not null, \`scope_kind\` text not null, \`scope_code\` text not null, \`password_hash\` text not null, \`disabled\` integer not null default false, \`failed_sign_ins\` integer not null default 0, \`locked_until\` datetime null, \`last_sign_in_at\` datetime null, \`created_at\` datetime not null, \`created_by\` text not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, primary key (\`username\`));`);
    this.addSql(`create index \`account_department_index\` on \`account\` (\`department\`);`);

    this.addSql(`create table \`audit_entry\` (\`id\` integer not null primary key autoincrement, \`at\` datetime not null, \`kind\` text not null, \`user\` text not null, \`department\` text not null, \`role\` text not null, \`student_id\` text null, \`fields\` text not null, \`operation\` text not null, \`request_id\` text not null, \`prev_hash\` text not null, \`hash\` text not null);`);
    this.addSql(`create index \`audit_entry_student_id_index\` on \`audit_entry\` (\`student_id\`);`);

    this.addSql(`create table \`provider_key\` (\`kid\` text not null, \`use\` text not null, \`secret\` text not null, \`created_at\` datetime not null, \`retired_at\` datetime null, primary key (\`kid\`));`);

    this.addSql(`create table \`provider_record\` (\`model\` text not null, \`id\` text not null, \`payload\` text not null, \`grant_id\` text null, \`uid\` text null, \`account_id\` text null, \`consumed_at\` datetime null, \`expires_at\` datetime null, primary key (\`model\`, \`id\`));`);
    this.addSql(`create index \`provider_record_expires_at_index\` on \`provider_record\` (\`expires_at\`);`);
    this.addSql(`create index \`provider_record_account_id_index\` on \`provider_record\` (\`account_id\`);`);
    this.addSql(`create index \`provider_record_uid_index\` on \`provider_record\` (\`uid\`);`);
    this.addSql(`create index \`provider_record_grant_id_index\` on \`provider_record\` (\`grant_id\`);`);

    this.addSql(`create table \`service_account\` (\`client_id\` text not null, \`name\` text not null, \`department\` text not null, \`role\` text not null default 'service', \`scope_kind\` text not null, \`scope_code\` text not null, \`rate_limit_per_minute\` integer not null, \`secret_version\` integer not null default 1, \`disabled\` integer not null default false, \`created_at\` datetime not null, \`created_by\` text not null, \`version\` integer not null default 1, primary key (\`client_id\`));`);
  }

}
