CREATE TABLE "arrears_bank_profiles" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"name" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "arrears_checks" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"case_id" text,
	"title" text NOT NULL,
	"as_of" date,
	"cms_arrears_pence" integer,
	"collection" text DEFAULT 'direct' NOT NULL,
	"match_window_days" integer DEFAULT 7 NOT NULL,
	"payment_filter" text,
	"opening_balance_pence" integer,
	"opening_balance_date" date,
	"opening_balance_scheme" integer,
	"opening_balance_source" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "arrears_cms_figures" (
	"id" text PRIMARY KEY NOT NULL,
	"check_id" text NOT NULL,
	"date" date NOT NULL,
	"description" text,
	"due_pence" integer,
	"received_pence" integer,
	"balance_pence" integer
);
--> statement-breakpoint
CREATE TABLE "arrears_matches" (
	"check_id" text NOT NULL,
	"transaction_id" text NOT NULL,
	"cms_figure_id" text NOT NULL,
	"status" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "arrears_matches_check_id_transaction_id_cms_figure_id_pk" PRIMARY KEY("check_id","transaction_id","cms_figure_id")
);
--> statement-breakpoint
CREATE TABLE "arrears_schedule" (
	"id" text PRIMARY KEY NOT NULL,
	"check_id" text NOT NULL,
	"due" date NOT NULL,
	"amount_pence" integer NOT NULL,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "arrears_statements" (
	"id" text PRIMARY KEY NOT NULL,
	"check_id" text NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"format" text,
	"profile" text,
	"encoding" text,
	"mapping" jsonb,
	"evidence_id" text,
	"imported_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "arrears_transactions" (
	"id" text PRIMARY KEY NOT NULL,
	"check_id" text NOT NULL,
	"statement_id" text NOT NULL,
	"identity" text NOT NULL,
	"line" integer NOT NULL,
	"date" date NOT NULL,
	"description" text NOT NULL,
	"amount_pence" integer NOT NULL,
	"balance_pence" integer,
	"is_payment" integer DEFAULT 0 NOT NULL,
	"event_id" text
);
--> statement-breakpoint
ALTER TABLE "arrears_checks" ADD CONSTRAINT "arrears_checks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrears_cms_figures" ADD CONSTRAINT "arrears_cms_figures_check_id_arrears_checks_id_fk" FOREIGN KEY ("check_id") REFERENCES "public"."arrears_checks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrears_matches" ADD CONSTRAINT "arrears_matches_check_id_arrears_checks_id_fk" FOREIGN KEY ("check_id") REFERENCES "public"."arrears_checks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrears_schedule" ADD CONSTRAINT "arrears_schedule_check_id_arrears_checks_id_fk" FOREIGN KEY ("check_id") REFERENCES "public"."arrears_checks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrears_statements" ADD CONSTRAINT "arrears_statements_check_id_arrears_checks_id_fk" FOREIGN KEY ("check_id") REFERENCES "public"."arrears_checks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrears_transactions" ADD CONSTRAINT "arrears_transactions_check_id_arrears_checks_id_fk" FOREIGN KEY ("check_id") REFERENCES "public"."arrears_checks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrears_transactions" ADD CONSTRAINT "arrears_transactions_statement_id_arrears_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."arrears_statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "arrears_bank_profiles_name_idx" ON "arrears_bank_profiles" USING btree ("owner_id","name");--> statement-breakpoint
CREATE INDEX "arrears_checks_owner_idx" ON "arrears_checks" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "arrears_checks_case_idx" ON "arrears_checks" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "arrears_cms_figures_check_idx" ON "arrears_cms_figures" USING btree ("check_id","date");--> statement-breakpoint
CREATE INDEX "arrears_schedule_check_idx" ON "arrears_schedule" USING btree ("check_id","due");--> statement-breakpoint
CREATE INDEX "arrears_statements_check_idx" ON "arrears_statements" USING btree ("check_id");--> statement-breakpoint
CREATE UNIQUE INDEX "arrears_transactions_identity_idx" ON "arrears_transactions" USING btree ("check_id","identity");--> statement-breakpoint
CREATE INDEX "arrears_transactions_check_idx" ON "arrears_transactions" USING btree ("check_id","date");