"""The demo campaign's Spanish texts (see demo.py), keyed by model and audience.

Written in Spanish for Beacon, speaking to supporters with "tú" like the interface (the
letters and scripts, addressed to officials, with "usted"), with the glossary's terms
(docs/glossary.md): "quien vive en el distrito", never "votante"; merge fields as in the
English texts, so offices' titles come out in Spanish ("Sen.", "Representante").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

BOSTON = ZoneInfo("America/New_York")
MONTHS = (
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
).split()

BODY = """\
Todas las familias de Massachusetts deberían poder llamar a la policía después de un robo, \
llevar a un niño a la sala de emergencias o presentarse como testigos en un tribunal sin \
preguntarse si esa visita terminará en una deportación.

Hoy eso no está garantizado. Que la policía local y los alguaciles retengan a personas \
para los agentes de inmigración, o pregunten por el estatus migratorio en un control de \
tráfico, depende del pueblo donde uno vive. El miedo corre rápido: cuando detienen a un \
vecino después de un control de rutina, calles enteras dejan de denunciar delitos.

**La Ley de Comunidades Seguras** fijaría una regla clara para todo el estado:

- los agentes estatales y locales no preguntan por el estatus migratorio en su trabajo \
de rutina;
- nadie queda retenido en una cárcel local por una solicitud de inmigración sin la orden \
de un juez;
- las personas detenidas conocen sus derechos antes de cualquier entrevista con agentes \
de inmigración;
- los recursos del estado no se usan para hacer cumplir las leyes federales de inmigración.

El proyecto de ley se presenta sesión tras sesión y tiene el apoyo de jefes de policía, \
líderes religiosos, sindicatos y trabajadores de la salud. Lo que le falta es una votación. \
Suma tu nombre y dile a la Legislatura que esperar es una decisión, y es la equivocada.
"""

LETTER_ASK_SUBJECTS = "\n".join(
    [
        "Por favor, aprueben la Ley de Comunidades Seguras ({bill_number})",
        "Alguien que vive en {town} le pide que apoye {bill_number}",
        "{bill_title}: por favor, que salga de la comisión en esta sesión",
    ]
)
LETTER_ASK_BODY = """\
A la atención de {official_title} {official_last_name}:

Vivo en {town} y le escribo para pedirle que apoye el proyecto de ley {bill_number} \
({bill_title}) y que anime a sus colegas a someterlo a votación en esta sesión.

Las familias de nuestro distrito deberían poder llamar a la policía, llevar a un niño al \
hospital o ir a un tribunal sin temor a que esa visita termine en una deportación. El \
proyecto fija una regla clara para todo el estado, para que la confianza en la policía \
local no dependa del pueblo donde uno vive.

Le agradecería que me dijera cuál es su posición.

Atentamente,
{first_name} {last_name}"""
LETTER_THANKS_BODY = """\
A la atención de {official_title} {official_last_name}:

Vivo en {town} y quiero agradecerle que copatrocine el proyecto de ley {bill_number} \
({bill_title}). Su apoyo es importante para las familias de todo nuestro distrito.

Por favor, siga insistiendo para que se vote en esta sesión, y dígame cómo podemos ayudar \
quienes vivimos en el distrito.

Atentamente,
{first_name} {last_name}"""

CALL_ASK_SCRIPT = """\
Hola, me llamo {first_name} y vivo en {town}, en este distrito.

Llamo para pedirle a {official_title} {official_last_name} que apoye el proyecto de ley \
{bill_number} ({bill_title}) y que insista en que se vote en esta sesión. Las familias de \
nuestro distrito deberían poder llamar a la policía, ir a un tribunal o llevar a un niño \
al hospital sin temor a que esa visita termine en una deportación.

¿Me puede decir cuál es la posición de {official_title} {official_last_name} sobre el \
proyecto?

Gracias por su tiempo."""
CALL_ASK_VOICEMAIL = (
    "Hola, soy {first_name} y vivo en {town}, en este distrito. Por favor, pídale a "
    "{official_title} {official_last_name} que apoye el proyecto de ley {bill_number} "
    "({bill_title}) y que insista en que se vote en esta sesión. Gracias."
)
CALL_THANKS_SCRIPT = """\
Hola, me llamo {first_name} y vivo en {town}, en este distrito.

Llamo para agradecerle a {official_title} {official_last_name} que copatrocine el \
proyecto de ley {bill_number} ({bill_title}). Por favor, sigan insistiendo para que se \
vote en esta sesión.

Gracias por su tiempo."""
CALL_THANKS_VOICEMAIL = (
    "Hola, soy {first_name} y vivo en {town}. Gracias por copatrocinar el proyecto de ley "
    "{bill_number} ({bill_title}). Por favor, sigan insistiendo para que se vote en esta "
    "sesión."
)


def _call_deadline(campaign) -> dict[str, str]:
    if campaign.deadline is None:
        return {}
    closes = campaign.deadline.astimezone(BOSTON)
    return {
        "deadline_text": (
            f"Las llamadas cuentan hasta el {closes.day} de {MONTHS[closes.month - 1]} a "
            "las 11:59 p. m., cuando cierra esta campaña. Las oficinas llevan la cuenta de "
            "cada llamada: cuantas más antes de esa fecha, mejor."
        )
    }


def _call_ask(campaign) -> dict[str, str]:
    return {
        "title": "Llama a tus legisladores estatales",
        "intro": "Dos llamadas cortas, con un guion en la mano. Las oficinas cuentan las "
        "llamadas de quienes viven en el distrito, y un mensaje de voz también cuenta.",
        **_call_deadline(campaign),
    }


SPANISH: dict[str, dict[str, str] | Callable[[Any], dict[str, str]]] = {
    "Campaign": {
        "title": "Aprueben la Ley de Comunidades Seguras",
        "summary": "Diles a la gobernadora Healey y a la Legislatura: la policía local, "
        "los tribunales y los hospitales no deben participar en la aplicación de las leyes "
        "de inmigración.",
        "body": BODY,
        "thanks_message": "Gracias por apoyar a las familias inmigrantes. Ahora pídeles a "
        "dos personas conocidas que sumen su nombre: la mayoría firma porque alguien de "
        "confianza se lo pidió.",
    },
    "Petition": {
        "addressed_to": "la gobernadora Maura Healey y la Legislatura de Massachusetts",
        "ask": "Aprueben la Ley de Comunidades Seguras en esta sesión y conviértanla en ley, "
        "para que todas las familias de Massachusetts puedan volver a confiar en la "
        "policía local, los tribunales y los hospitales.\n",
    },
    "CampaignUpdate": {
        "title": "Testimonios en el State House (Capitolio)",
        "body": "Treinta integrantes de nuestra coalición dieron testimonio ante la Comisión "
        "Conjunta de lo Judicial. Gracias a todas las personas que vinieron y a quienes "
        "firmaron desde casa.",
    },
    "LetterAsk": {
        "title": "Escribe a tus legisladores estatales",
        "intro": "Toma un minuto. Tu carta va solo a los legisladores que te representan, "
        "con tu propio nombre.",
        "personal_prompt": "¿Por qué es importante para ti o tu familia? Unas frases con "
        "tus propias palabras hacen las cartas más convincentes.",
    },
    "LetterTemplate:others": {"subjects": LETTER_ASK_SUBJECTS, "body": LETTER_ASK_BODY},
    "LetterTemplate:cosponsors": {
        "subjects": "Gracias por copatrocinar {bill_number}",
        "body": LETTER_THANKS_BODY,
    },
    "CallAsk": _call_ask,
    "CallScript:others": {"script": CALL_ASK_SCRIPT, "voicemail_script": CALL_ASK_VOICEMAIL},
    "CallScript:cosponsors": {
        "script": CALL_THANKS_SCRIPT,
        "voicemail_script": CALL_THANKS_VOICEMAIL,
    },
}
