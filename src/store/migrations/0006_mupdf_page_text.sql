CREATE TABLE "evidence_mupdf_text" (
	"evidence_id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"sha256" text NOT NULL,
	"engine" text NOT NULL,
	"pages" jsonb NOT NULL,
	"read_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "evidence_mupdf_text_case_idx" ON "evidence_mupdf_text" USING btree ("case_id");