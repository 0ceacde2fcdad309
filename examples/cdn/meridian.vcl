vcl 4.1;

# Varnish in front of the Meridian gateway (Debian: apt-get install varnish varnish-modules).
# The gateway decides what is cacheable (Cache-Control, Vary, ETag); this file adds the purge and the pass rules.

import xkey;

backend gateway {
  .host = "127.0.0.1";
  .port = "4000";
}

# Who may purge: the hosts that run `npm run prices` and the other writers.
acl purgers {
  "127.0.0.1";
  "::1";
}

sub vcl_recv {
  # `curl -X PURGE -H 'xkey-purge: meridian-pricing' http://cache/` drops every answer that read prices or rates.
  if (req.method == "PURGE") {
    if (client.ip !~ purgers) {
      return (synth(403, "Forbidden"));
    }
    set req.http.x-purged = xkey.purge(req.http.xkey-purge);
    return (synth(200, "Purged " + req.http.x-purged));
  }
  # A partner's key makes the request theirs (budget, usage, scopes): never answered from the shared cache.
  if (req.http.x-api-key || req.http.authorization) {
    return (pass);
  }
}

sub vcl_backend_response {
  # The gateway's max-age is the freshness bound: no stale answer is served past it while a new one is fetched...
  set beresp.grace = 0s;
  # ...but an expired answer is kept to revalidate it with If-None-Match: an unchanged answer costs a 304.
  set beresp.keep = 1h;
}

sub vcl_deliver {
  if (obj.hits > 0) {
    set resp.http.x-cache = "HIT";
  } else {
    set resp.http.x-cache = "MISS";
  }
}
