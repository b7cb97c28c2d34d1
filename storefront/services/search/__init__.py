"""Search and recommendations: product text, indexes behind ports, hybrid ranking, profiles."""
