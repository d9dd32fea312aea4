import { Migration } from '@mikro-orm/migrations';

export class Migration20261129130210 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`import_batch\` (\`id\` text not null, \`kind\` text not null, \`file_name\` text not null, \`sha256\` text not null, \`header\` json not null, \`status\` text check (\`status\` in ('STAGING', 'COMMITTED', 'REJECTED')) not null default 'STAGING', \`rows_staged\` integer not null default 0, \`inserted\` integer not null default 0, \`unchanged\` integer not null default 0, \`problems\` json not null, \`problem_count\` integer not null default 0, \`created_by\` text not null, \`created_at\` datetime not null, \`finished_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`import_batch_kind_sha256_status_index\` on \`import_batch\` (\`kind\`, \`sha256\`, \`status\`);`);

    this.addSql(`create table \`import_row\` (\`id\` integer not null primary key autoincrement, \`batch_id\` text not null, \`row\` integer not null, \`dedup_key\` text null, \`value\` json null, \`problems\` json null, constraint \`import_row_batch_id_foreign\` foreign key(\`batch_id\`) references \`import_batch\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`import_row_batch_id_index\` on \`import_row\` (\`batch_id\`);`);
    this.addSql(`create index \`import_row_batch_id_dedup_key_index\` on \`import_row\` (\`batch_id\`, \`dedup_key\`);`);
  }

}
