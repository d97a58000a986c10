CREATE TABLE "case_audit" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"owner_id" text NOT NULL,
	"case_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"version" integer,
	"summary" text NOT NULL,
	CONSTRAINT "case_audit_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "case_decisions" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"case_id" text NOT NULL,
	"kind" text NOT NULL,
	"letter_date" date NOT NULL,
	"received_date" date,
	"effective_date" date,
	"summary" text,
	"weekly_amount_pence" integer,
	"weekly_income_pence" integer,
	"nights" integer,
	"other_children" integer,
	"enforcement_action" text,
	"tags" text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"case_id" text NOT NULL,
	"type" text NOT NULL,
	"occurred_on" date NOT NULL,
	"occurred_time" text,
	"title" text NOT NULL,
	"details" text,
	"amount_pence" integer,
	"call" jsonb,
	"letter" jsonb,
	"tags" text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_evidence" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"case_id" text NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"media_type" text NOT NULL,
	"file_name" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"document_date" date,
	"tags" text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_links" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"case_id" text NOT NULL,
	"from_type" text NOT NULL,
	"from_id" text NOT NULL,
	"to_type" text NOT NULL,
	"to_id" text NOT NULL,
	"role" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_revisions" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"case_id" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"version" integer NOT NULL,
	"change" text NOT NULL,
	"data" jsonb NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"case_id" text NOT NULL,
	"origin" text NOT NULL,
	"origin_id" text,
	"deadline_kind" text,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"legal_deadline" date,
	"outer_limit" date,
	"nature" text NOT NULL,
	"rule_id" text,
	"explanation" jsonb,
	"status" text NOT NULL,
	"done_on" date,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"title" text NOT NULL,
	"nation" text NOT NULL,
	"role" text NOT NULL,
	"cms_reference" text,
	"your_name" text,
	"your_address" text,
	"other_parent" jsonb NOT NULL,
	"children" jsonb NOT NULL,
	"notes" text
);
--> statement-breakpoint
ALTER TABLE "case_decisions" ADD CONSTRAINT "case_decisions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_evidence" ADD CONSTRAINT "case_evidence_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_links" ADD CONSTRAINT "case_links_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_audit_case_idx" ON "case_audit" USING btree ("case_id","seq");--> statement-breakpoint
CREATE INDEX "case_decisions_case_idx" ON "case_decisions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","occurred_on");--> statement-breakpoint
CREATE INDEX "case_evidence_case_idx" ON "case_evidence" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_evidence_sha_idx" ON "case_evidence" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "case_links_case_idx" ON "case_links" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_revisions_version_idx" ON "case_revisions" USING btree ("entity","entity_id","version");--> statement-breakpoint
CREATE INDEX "case_tasks_case_idx" ON "case_tasks" USING btree ("case_id","due_on");--> statement-breakpoint
CREATE INDEX "cases_owner_idx" ON "cases" USING btree ("owner_id");