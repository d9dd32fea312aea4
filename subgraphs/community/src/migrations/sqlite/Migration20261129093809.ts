import { Migration } from '@mikro-orm/migrations';

export class Migration20261129093809 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`grid_worker\` (\`id\` text not null, \`name\` text not null, \`phone\` text not null, primary key (\`id\`));`);

    this.addSql(`create table \`home_visit\` (\`id\` text not null, \`student_id\` text not null, \`date\` date not null, \`visitor_name\` text not null, \`visitor_role\` text not null, \`outcome\` text check (\`outcome\` in ('MET_FAMILY', 'CHILD_PERSUADED', 'REFUSED', 'NOT_HOME', 'MOVED_AWAY')) not null, \`notes\` text not null, \`recorded_by\` text not null, \`version\` integer not null default 1, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`home_visit_student_id_index\` on \`home_visit\` (\`student_id\`);`);

    this.addSql(`create table \`subdistrict\` (\`code\` text not null, \`name\` text not null, primary key (\`code\`));`);

    this.addSql(`create table \`community\` (\`code\` text not null, \`name\` text not null, \`subdistrict_code\` text not null, constraint \`community_subdistrict_code_foreign\` foreign key(\`subdistrict_code\`) references \`subdistrict\`(\`code\`) on update cascade, primary key (\`code\`));`);
    this.addSql(`create index \`community_subdistrict_code_index\` on \`community\` (\`subdistrict_code\`);`);

    this.addSql(`create table \`grid_area\` (\`code\` text not null, \`name\` text not null, \`community_code\` text not null, \`worker_id\` text not null, constraint \`grid_area_community_code_foreign\` foreign key(\`community_code\`) references \`community\`(\`code\`) on update cascade, constraint \`grid_area_worker_id_foreign\` foreign key(\`worker_id\`) references \`grid_worker\`(\`id\`) on update cascade, primary key (\`code\`));`);
    this.addSql(`create index \`grid_area_community_code_index\` on \`grid_area\` (\`community_code\`);`);
    this.addSql(`create index \`grid_area_worker_id_index\` on \`grid_area\` (\`worker_id\`);`);

    this.addSql(`create table \`resident_household\` (\`id\` text not null, \`community_code\` text not null, \`grid_code\` text not null, \`address\` text not null, \`parents_working_away\` integer not null, \`carer\` text not null, \`notes\` text null, \`version\` integer not null default 1, constraint \`resident_household_community_code_foreign\` foreign key(\`community_code\`) references \`community\`(\`code\`) on update cascade, constraint \`resident_household_grid_code_foreign\` foreign key(\`grid_code\`) references \`grid_area\`(\`code\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`resident_household_community_code_index\` on \`resident_household\` (\`community_code\`);`);
    this.addSql(`create index \`resident_household_grid_code_index\` on \`resident_household\` (\`grid_code\`);`);

    this.addSql(`create table \`resident\` (\`id\` text not null, \`resident_id\` text not null, \`name\` text not null, \`household_id\` text not null, \`relation\` text not null, constraint \`resident_household_id_foreign\` foreign key(\`household_id\`) references \`resident_household\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`resident_resident_id_unique\` on \`resident\` (\`resident_id\`);`);
    this.addSql(`create index \`resident_household_id_index\` on \`resident\` (\`household_id\`);`);
  }

}
