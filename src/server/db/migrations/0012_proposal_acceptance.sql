ALTER TYPE "public"."deposit_status" ADD VALUE 'credited';--> statement-breakpoint
ALTER TABLE "deposits" ADD COLUMN "credited_proposal_id" uuid;--> statement-breakpoint
ALTER TABLE "deposits" ADD COLUMN "credited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD COLUMN "proposal_id" uuid;--> statement-breakpoint
ALTER TABLE "unit_leases" ADD COLUMN "proposal_id" uuid;--> statement-breakpoint
ALTER TABLE "deposits" ADD CONSTRAINT "deposits_credited_proposal_id_proposals_id_fk" FOREIGN KEY ("credited_proposal_id") REFERENCES "public"."proposals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_leases" ADD CONSTRAINT "unit_leases_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE set null ON UPDATE no action;