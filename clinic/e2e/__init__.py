"""Tests that span the whole project (hostile input to every form); imports any app."""
