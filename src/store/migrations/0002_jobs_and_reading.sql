-- pg_trgm: trigram matching for reference numbers and misspellings (a PGlite extension too, loaded in db.ts)
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "evidence_pages" (
	"evidence_id" text NOT NULL,
	"page" integer NOT NULL,
	"sha256" text NOT NULL,
	"case_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"method" text NOT NULL,
	"confidence" integer,
	"language" text NOT NULL,
	"text" text NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', "text") || to_tsvector('simple', "text")) STORED NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evidence_pages_evidence_id_page_pk" PRIMARY KEY("evidence_id","page")
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"owner_id" text,
	"case_id" text,
	"subject_id" text,
	"payload" jsonb NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 3 NOT NULL,
	"run_after" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone,
	"locked_by" text,
	"progress_done" integer DEFAULT 0 NOT NULL,
	"progress_total" integer,
	"progress_note" text,
	"result" jsonb,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "evidence_pages_case_idx" ON "evidence_pages" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "evidence_pages_search_idx" ON "evidence_pages" USING gin ("search");--> statement-breakpoint
CREATE INDEX "evidence_pages_trgm_idx" ON "evidence_pages" USING gin ("text" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_kind_key_idx" ON "jobs" USING btree ("kind","key");--> statement-breakpoint
CREATE INDEX "jobs_ready_idx" ON "jobs" USING btree ("status","run_after");--> statement-breakpoint
CREATE INDEX "jobs_subject_idx" ON "jobs" USING btree ("subject_id");