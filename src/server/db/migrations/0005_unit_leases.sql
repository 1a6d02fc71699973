CREATE TABLE "unit_leases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" text NOT NULL,
	"tenant" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"lead_id" uuid,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unit_leases_term" CHECK ("unit_leases"."ends_on" > "unit_leases"."starts_on")
);
--> statement-breakpoint
ALTER TABLE "unit_leases" ADD CONSTRAINT "unit_leases_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "unit_leases_unit_idx" ON "unit_leases" USING btree ("unit_id");