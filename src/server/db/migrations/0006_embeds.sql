CREATE TABLE "embed_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"embed_id" text NOT NULL,
	"kind" text NOT NULL,
	"host" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "embeds" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"filters" text DEFAULT '' NOT NULL,
	"theme_color" text DEFAULT '#13233d' NOT NULL,
	"lang" text DEFAULT 'zh' NOT NULL,
	"allowed_hosts" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "embed_events_embed_idx" ON "embed_events" USING btree ("embed_id","kind");