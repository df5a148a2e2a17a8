"""`ncp preview`: the HTML of a publication served on this machine, rebuilt and reloaded on
every save, with the content's problems shown over the page."""
