"""Column types that behave the same on SQLite, PostgreSQL and MariaDB."""

import json
from decimal import Decimal

from sqlalchemy import BigInteger, DateTime, Numeric, Text
from sqlalchemy.dialects import mysql
from sqlalchemy.types import TypeDecorator

_MICRO = Decimal("1000000")


class Money(TypeDecorator):
    """DECIMAL(20,6) as upstream; exact on every backend.

    SQLite has no decimal type and would store REAL, so there the value is kept as an integer
    count of millionths: exact, and it still sorts and compares correctly in SQL.
    """

    impl = Numeric
    cache_ok = True

    def __init__(self, precision: int = 20, scale: int = 6) -> None:
        super().__init__(precision, scale)
        self.precision = precision
        self.scale = scale

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(self.precision, self.scale, asdecimal=True))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        value = value if isinstance(value, Decimal) else Decimal(str(value))
        value = value.quantize(Decimal(1).scaleb(-self.scale))
        if dialect.name == "sqlite":
            return int(value * _MICRO)
        return value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if dialect.name == "sqlite":
            return (Decimal(int(value)) / _MICRO).quantize(Decimal(1).scaleb(-self.scale))
        return value if isinstance(value, Decimal) else Decimal(str(value))

    @property
    def python_type(self):
        return Decimal


class JSONText(TypeDecorator):
    """A JSON document stored as text (mediumtext upstream); keeps key order."""

    impl = Text
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name in ("mysql", "mariadb"):
            return dialect.type_descriptor(mysql.MEDIUMTEXT())
        return dialect.type_descriptor(Text())

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return json.dumps(value, separators=(",", ":"), default=str)

    def process_result_value(self, value, dialect):
        if value is None or value == "":
            return None
        return json.loads(value)


def Timestamp():
    """TIMESTAMP(6) upstream; naive UTC here."""
    return DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")


def LongText():
    return Text().with_variant(mysql.MEDIUMTEXT(), "mysql", "mariadb")
