"""Staff sign-in: django-allauth with MFA, throttled by Beacon's limiter (docs/security.md).

- `adapters`: signup closed; failed sign-ins counted per client and per account, and
  refused past the limit even with the right password.
- `forms`: password reset requests limited per client (openly) and per address (silently);
  wrong TOTP and recovery codes limited per account.
- `middleware`: a staff session without MFA reaches only the sign-in and setup pages; a
  staff session left idle is signed out.
- `signals`: marks the session when TOTP is set up and stamps the sign-in time.
"""
