"""Spiders: one per configured site (built from crawler.sites), plus textdump."""
