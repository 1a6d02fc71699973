-- Written by hand (Drizzle has no exclusion constraints): a unit has one lease at a time. The terms are day ranges
-- with both ends included; btree_gist (migration 0009) lets the unit id (equality) and the term (overlap) share
-- one GiST index.
ALTER TABLE "unit_leases" ADD CONSTRAINT "unit_leases_no_overlap" EXCLUDE USING gist ("unit_id" WITH =, daterange("starts_on", "ends_on", '[]') WITH &&);
