"""A supporter's own data: news consents, and the "Your data" page reached by an emailed
single-use link, where a supporter sees every act their address took on this instance and
hides their name, withdraws signatures, stops news, downloads or erases it all."""
