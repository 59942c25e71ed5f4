"""A small HTTP load balancer for Rasa replicas that keeps each conversation on one replica."""
