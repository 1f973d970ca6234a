-- finance's list of payment instructions is paged in the order they were created (GET /api/payouts?page=&size=)
create index payout_created on payout (created_at, id);
