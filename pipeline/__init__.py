"""chitieu: indicators and award counts out of Vietnamese local-government reports."""
__version__ = "0.1.0"
